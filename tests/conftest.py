import os, subprocess, sys
from pathlib import Path
import pytest

os.environ.setdefault('LESSON7_QUICK', '1')

def run_cli(*args, cwd=None, env=None):
    "Run the `lesson7` console script; return (returncode, stdout, stderr)."
    e = {**os.environ, **(env or {})}
    r = subprocess.run([sys.executable, '-c', 'import sys; from lesson7.cli import main; sys.exit(main())', *map(str, args)], capture_output=True, text=True, cwd=cwd, env=e)
    return r.returncode, r.stdout, r.stderr

@pytest.fixture
def cli(): return run_cli

def assert_one_line_error(rc, err, *words):
    "A clean failure: non-zero exit, no traceback, and the last line names what went wrong."
    assert rc != 0, 'expected a non-zero exit'
    assert 'Traceback' not in err, err
    last = err.strip().splitlines()[-1]
    for w in words: assert w in last, f'{w!r} not in {last!r}'
