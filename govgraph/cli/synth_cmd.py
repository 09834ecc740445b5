"""Placeholder: the `synth` commands are being written (see the issue for synth)."""
