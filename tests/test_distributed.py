"The MNIST pipeline on two CPU processes (gloo) through `accelerate launch`, against one process."
import json, os, subprocess, sys
from pathlib import Path

EPOCHS = '6'

def _lesson7():
    "The console script itself (not a shell shim), which `accelerate launch` runs with Python."
    return str(Path(sys.executable).parent/'lesson7')

def test_two_processes_match_one(tmp_path, cli):
    rc, out, err = cli('mnist', '--epochs', EPOCHS, '--out', tmp_path/'one', '--cpu')
    assert rc == 0, err
    one = json.loads((tmp_path/'one'/'metrics.json').read_text())
    env = {**os.environ, 'ACCELERATE_USE_CPU': 'true'}  # gloo on CPUs; accelerate's own multi-CPU launcher needs MPI
    r = subprocess.run([sys.executable, '-m', 'accelerate.commands.launch', '--multi_gpu', '--num_processes', '2',
                        '--num_machines', '1', '--mixed_precision', 'no', '--dynamo_backend', 'no',
                        '--num_cpu_threads_per_process', '1', _lesson7(), 'mnist', '--epochs', EPOCHS,
                        '--out', str(tmp_path/'two'), '--cpu'], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    two = json.loads((tmp_path/'two'/'metrics.json').read_text())
    assert two['processes'] == 2 and one['processes'] == 1
    assert r.stdout.count('data: ') == 1, 'only the main process prints'
    assert sorted(p.name for p in (tmp_path/'two').iterdir()) == ['confusion.png', 'losses.png', 'metrics.json', 'model.pth']
    assert abs(two['accuracy'] - one['accuracy']) <= 0.01, (one['accuracy'], two['accuracy'])
