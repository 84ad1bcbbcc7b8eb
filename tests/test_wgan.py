import json, math
from pathlib import Path
import pytest, torch
from torch import nn
from conftest import assert_one_line_error
from lesson7.core import Lesson7Error, set_seed
from lesson7.wgan import digit_images, tensor_dls, train_wgan, wgan_models

KEYS = ('frechet_distance', 'frechet_distance_untrained', 'class_coverage', 'confident_fraction', 'n_samples', 'train_seconds')

def test_missing_data_folder(cli, tmp_path):
    rc, out, err = cli('wgan', '--data', tmp_path/'nope', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, 'nope', 'no such folder')

def test_folder_without_images(cli, tmp_path):
    (tmp_path/'empty').mkdir()
    rc, out, err = cli('wgan', '--data', tmp_path/'empty', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, 'empty', 'no image files')

def test_bad_size(cli, tmp_path):
    rc, out, err = cli('wgan', '--size', '28', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '--size 28', 'power of 2')

def test_missing_classifier(cli, tmp_path):
    rc, out, err = cli('wgan', '--classifier', tmp_path/'clf.pth', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '--classifier', 'no such file')

def test_corrupt_classifier(cli, tmp_path):
    (tmp_path/'clf.pth').write_bytes(b'not a model')
    rc, out, err = cli('wgan', '--classifier', tmp_path/'clf.pth', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '--classifier', 'clf.pth', 'not a lesson7.mnist model')

def test_resume_needs_checkpoint(cli, tmp_path):
    rc, out, err = cli('wgan', '--resume', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '--resume', 'no checkpoint')
    rc, out, err = cli('wgan', '--resume')
    assert_one_line_error(rc, err, '--resume', '--out')

class Poisoned(nn.Module):
    "A generator whose output turns to NaN after `after` forward passes."
    def __init__(self, g, after): super().__init__(); self.g, self.after, self.n = g, after, 0
    def forward(self, x): self.n += 1; return self.g(x) * (float('nan') if self.n > self.after else 1.)

def test_nan_stops_with_epoch_and_keeps_last_good_checkpoint(tmp_path):
    imgs = digit_images(torch.randint(0, 256, (64, 28, 28), dtype=torch.uint8).numpy())
    set_seed(0); gen, crit = wgan_models(32, 1, n_features=8)
    dls = tensor_dls(imgs, bs=16)  # 4 steps an epoch
    with pytest.raises(Lesson7Error, match=r'epoch 2: the (critic|generator) loss became nan.*after epoch 1.*--resume'):
        train_wgan(dls, Poisoned(gen, 5), crit, tmp_path, epochs=3, n_crit=2, config={'n': 8}, verbose=False)
    ck = torch.load(tmp_path/'checkpoint.pth', weights_only=True)
    assert ck['epoch'] == 1 and all(torch.isfinite(v).all() for v in ck['generator'].values() if v.is_floating_point())
    res = train_wgan(dls, Poisoned(gen, 10**9), crit, tmp_path, epochs=3, n_crit=2, config={'n': 8}, resume=True, verbose=False)
    assert res['epochs'] == 3 and len(res['history']) == 12 and all(math.isfinite(l) for *_, l in res['history'])

def test_quick_run_resume_and_repeatability(cli, tmp_path):
    a = tmp_path/'a'
    rc, out, err = cli('wgan', '--quick', '--out', a)
    assert rc == 0, err
    assert out.splitlines()[0].startswith('data: offline MNIST sample')
    m = json.loads((a/'metrics.json').read_text())
    for k in KEYS: assert k in m, k
    assert 0 <= m['class_coverage'] <= 10 and 0 <= m['confident_fraction'] <= 1 and m['frechet_distance'] > 0
    assert sum(m['class_counts']) == m['n_samples'] and m['class_coverage'] == sum(c >= 0.05 * m['n_samples'] for c in m['class_counts'])
    for f in ('samples.png', 'losses.png', 'generator.pth', 'checkpoint.pth'): assert (a/f).exists(), f
    assert set(torch.load(a/'generator.pth', weights_only=True)) == set(wgan_models(32, 1, 8)[0].state_dict())
    rc, out, err = cli('wgan', '--quick', '--out', a, '--resume', '--epochs', '2')
    assert rc == 0, err
    m2 = json.loads((a/'metrics.json').read_text())
    assert m2['epochs'] == 2 and m2['generator_steps'] > m['generator_steps']
    b = tmp_path/'b'   # same seed, same classifier: the same metrics
    rc, out, err = cli('wgan', '--quick', '--out', b, '--classifier', a/'classifier.pth')
    assert rc == 0, err
    mb = json.loads((b/'metrics.json').read_text())
    for k in KEYS[:-1]: assert mb[k] == m[k], (k, mb[k], m[k])
