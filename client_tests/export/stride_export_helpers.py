"""Running Stride scripts for the export tests."""
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def stride_binary():
    return os.environ.get("STRIDE_BIN") or str(ROOT / ".build/release/stride")


def stride_run(tmp_path, source, expect_ok=True):
    """Runs `source` with `stride run` in `tmp_path`; returns the completed process."""
    script = tmp_path / "script.stride"
    script.write_text(source)
    result = subprocess.run([stride_binary(), "run", str(script)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    if expect_ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result
