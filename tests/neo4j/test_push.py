"""Issue 5: `govgraph neo4j push` — idempotent, --replace scoped to its documents, converges after a
crash, refuses bad connections with one message, never lets document text become Cypher."""
from __future__ import annotations

from pathlib import Path

import pytest
from bolt_db import NEEDS_NEO4J, counts, load, wipe
from graphs import blockers_graph, delivery_graph

from govgraph.cli.app import main
from govgraph.errors import Neo4jError
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Board, Recommendation
from govgraph.neo4j import falkordb_server
from govgraph.neo4j.connection import Settings, get_driver, translate
from govgraph.neo4j.push import push
from govgraph.neo4j.remote import Remote
from govgraph.neo4j.rows import snake


def snapshot(remote: Remote) -> tuple[list[dict], list[dict]]:
    nodes = remote.read("MATCH (n) RETURN n AS n, labels(n) AS labels ORDER BY n.id")
    rels = remote.read("MATCH (a)-[r]->(b) RETURN a.id AS s, type(r) AS t, b.id AS e, r AS r ORDER BY s, t, e")
    return ([{**x["n"], "labels": sorted(x["labels"])} for x in nodes], rels)


def test_push_twice_leaves_the_same_graph(remote: Remote, corpus_graph: GovGraph) -> None:
    load(remote, corpus_graph)
    first = snapshot(remote)
    assert len(first[0]) == len(corpus_graph) and len(first[1]) == corpus_graph.g.number_of_edges()
    push(corpus_graph, remote.driver, database=remote.database, server=remote.server)
    assert snapshot(remote) == first


def test_properties_are_camel_case_with_provenance_and_rag_labels(remote: Remote, corpus_graph: GovGraph) -> None:
    load(remote, corpus_graph)
    nid = "004_5cc7ddf20cf550d0/plan"
    props = remote.read("MATCH (n:Plan {id: $id}) RETURN n AS n", id=nid)[0]["n"]
    want = corpus_graph.node(nid)
    assert props["notes"] == want["notes"]  # 3.6 KB: sent in parts under the 4 KB limit
    assert props["sourceFile"] == want["source_file"] and props["sourceLine"] == want["source_line"]
    assert "source_file" not in props and props["govgraphDocs"] == ["004_5cc7ddf20cf550d0"]
    reds = remote.read("MATCH (a:Action:Red) RETURN count(a) AS n")[0]["n"]
    assert reds == sum(1 for _, d in corpus_graph.nodes("Action") if d.get("rag") == "RED")
    rel = remote.read("MATCH ()-[r:ESCALATES_TO]->() RETURN r.sourceFile AS f, r.sourceLine AS n LIMIT 1")[0]
    assert rel["f"] and rel["n"]
    for key in props:
        assert snake(key) in want or key in ("id", "govgraphDocs"), key


def _doc(doc: str, n: int) -> GovGraph:
    gg = GovGraph()
    for i in range(n):
        gg.add_node(Action(id=f"{doc}/act/{i}", ref=str(i), rag="AMBER", source_file=f"{doc}.txt", source_line=i + 1))
    gg.add_node(Recommendation(id=f"{doc}/rec/1", ref="1", source_file=f"{doc}.txt", source_line=99))
    gg.add_node(Board(id="board/exec", name="Exec", source_file=f"{doc}.txt", source_line=100))
    for i in range(n):
        gg.add_edge(Edge(source=f"{doc}/act/{i}", target=f"{doc}/rec/1", type="ADDRESSES", source_file=f"{doc}.txt"))
        gg.add_edge(Edge(source="board/exec", target=f"{doc}/act/{i}", type="MONITORS", source_file=f"{doc}.txt"))
    return gg


def test_replace_removes_only_the_same_documents_earlier_push(remote: Remote) -> None:
    wipe(remote)
    push(_doc("a", 5), remote.driver, server=remote.server)
    push(_doc("b", 3), remote.driver, server=remote.server)
    assert counts(remote) == (5 + 1 + 3 + 1 + 1, 2 * 5 + 2 * 3)
    push(_doc("a", 2), remote.driver, server=remote.server, replace=True)
    ids = {r["id"] for r in remote.read("MATCH (n) RETURN n.id AS id")}
    assert ids == {"a/act/0", "a/act/1", "a/rec/1", "b/act/0", "b/act/1", "b/act/2", "b/rec/1", "board/exec"}
    assert counts(remote)[1] == 2 * 2 + 2 * 3
    shared = remote.read("MATCH (n {id: 'board/exec'}) RETURN n.govgraphDocs AS d")[0]["d"]
    assert sorted(shared) == ["a", "b"]  # the board both documents name stays, tagged by both


def test_injection_text_stays_data(remote: Remote) -> None:
    evil = "Audit 'all' \"cases\" {x} `y` \\ }) DETACH DELETE n //"
    gg = GovGraph()
    gg.add_node(Action(id=f"x/act/{evil}", ref="1", text=evil, rag="RED", source_file="x.txt", source_line=1))
    gg.add_node(Board(id="board/b", name=evil, source_file="x.txt", source_line=2))
    gg.add_edge(Edge(source="board/b", target=f"x/act/{evil}", type="MONITORS", source_file="x.txt", quote=evil))
    load(remote, gg)
    assert counts(remote) == (2, 1)
    row = remote.read("MATCH (b:Board)-[r]->(a:Action) RETURN b.name AS name, a.text AS text, a.id AS id, r.quote AS q")
    assert row == [{"name": evil, "text": evil, "id": f"x/act/{evil}", "q": evil}]


def test_labels_outside_the_model_are_refused(remote: Remote) -> None:
    gg = blockers_graph()
    gg.g.nodes["p/act/1"]["label"] = "Action`) DETACH DELETE n //"
    with pytest.raises(Exception, match="not in the model"):
        push(gg, remote.driver, server=remote.server)


def test_server_killed_mid_push_then_rerun_converges(tmp_path: Path, remote: Remote) -> None:
    gg = delivery_graph()
    big = GovGraph()
    big.g.update(gg.g)
    for i in range(400):
        big.add_node(Action(id=f"p/extra/{i}", ref=f"x{i}", text="t" * 200, source_file="p.txt", source_line=i))
    with falkordb_server.start(tmp_path) as server:
        settings = Settings(uri=server.uri, connection_acquisition_timeout=1.0, max_transaction_retry_time=0.0)
        driver = get_driver(settings)
        done: list[int] = []
        with pytest.raises(Exception):
            def progress(n: int, total: int, what: str) -> None:
                done.append(n)
                if len(done) == 10:
                    server.kill()
            push(big, driver, batch_size=20, batch_bytes=1000, progress=progress)
        assert 0 < len(done) < 40 and not server.alive()
    # FalkorDB keeps nothing on disk here: the session's server, holding part of the graph as the killed
    # one did, stands in for the restarted one, and the re-run (twice, to show it is a fixed point)
    # completes the graph
    wipe(remote)

    def stop_as_before(n: int, total: int, what: str) -> None:
        if n >= done[-1]:
            raise InterruptedError

    with pytest.raises(InterruptedError):
        push(big, remote.driver, database=remote.database, server=remote.server, batch_size=20,
             batch_bytes=1000, progress=stop_as_before)
    assert 0 < counts(remote)[0] < len(big)
    push(big, remote.driver, database=remote.database, server=remote.server, batch_bytes=1000)
    push(big, remote.driver, database=remote.database, server=remote.server, batch_bytes=1000)
    assert counts(remote) == (len(big), big.g.number_of_edges())


def test_unreachable_uri_is_one_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    graph = tmp_path / "g.json"
    delivery_graph().save(graph)
    port = falkordb_server.free_port()
    monkeypatch.setattr("sys.argv", ["govgraph", "neo4j", "push", "-g", str(graph), "--uri",
                                     f"bolt://127.0.0.1:{port}", "--timeout", "1", "-q"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: cannot reach a Neo4j server at bolt://127.0.0.1:{port}")
    assert "Traceback" not in err and "NEO4J_URI" in err


def test_auth_error_translation_uses_the_driver_exception() -> None:
    import neo4j.exceptions as nex

    exc = nex.AuthError("The client is unauthorized due to authentication failure.")
    err = translate(exc, Settings(uri="bolt://db:7687", username="neo4j", password="wrong"))
    assert isinstance(err, Neo4jError)
    assert err.user_message() == ("Neo4j at bolt://db:7687 refused the credentials for user 'neo4j'\n"
                                  "  Check --username/--password (NEO4J_USERNAME, NEO4J_PASSWORD).")


@NEEDS_NEO4J
def test_wrong_credentials_on_neo4j(bolt_settings: Settings) -> None:
    bad = Settings(uri=bolt_settings.uri, username=bolt_settings.username or "neo4j", password="not-the-password",
                   connection_acquisition_timeout=5.0)
    with pytest.raises(Neo4jError, match="refused the credentials"):
        get_driver(bad)


@NEEDS_NEO4J
def test_failed_batch_leaves_nothing_half_written(remote: Remote) -> None:
    wipe(remote)
    with remote.driver.session(database=remote.database) as s, pytest.raises(Exception):
        with s.begin_transaction() as tx:
            tx.run("UNWIND range(1, 10) AS i CREATE (:Action {id: 'tx/' + toString(i)})").consume()
            tx.run("RETURN 1/0").consume()
    assert counts(remote) == (0, 0)


@NEEDS_NEO4J
def test_database_option_is_honoured(bolt_settings: Settings) -> None:
    with pytest.raises(Neo4jError):
        remote = Remote(get_driver(bolt_settings), "no-such-database-govgraph")
        from govgraph.neo4j.connection import translate as tr
        try:
            remote.read("RETURN 1 AS x")
        except Exception as exc:
            raise tr(exc, bolt_settings) from None
