"""Framework overhead and memory: fastai's Learner against a minimal hand-written PyTorch loop on the same model,
data tensors, batch size and optimiser (torch's Adam in both), each pipeline's loader alone, the cost of one feature-loss
evaluation against one U-Net step, and peak resident memory of each `lesson7` pipeline at its default CPU size (one
epoch). Medians over repeats.
Usage: python bench/speed.py [--repeats N] [--quick]"""
import argparse, json, platform, statistics, subprocess, sys, tempfile, time
from functools import partial

import torch, torch.nn.functional as F
from fastai.learner import Learner
from fastai.optimizer import OptimWrapper
from fastai.data.core import DataLoaders
from fastai.losses import CrossEntropyLossFlat, L1LossFlat

from lesson7.core import set_seed
from lesson7.data import mnist_sample, read_digits
from lesson7.mnist import DEFAULTS, digit_dls, mnist_model

def hand_loop(model, dl, epochs, loss_func=F.cross_entropy):
    "The plainest training loop: forward, loss, backward, step."
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train(); n = 0
    t0 = time.perf_counter()
    for _ in range(epochs):
        for xb, yb in dl:
            loss = loss_func(model(xb), yb)
            loss.backward(); opt.step(); opt.zero_grad(); n += len(xb)
    return n / (time.perf_counter() - t0)

def fastai_loop(model, dls, epochs, loss_func=CrossEntropyLossFlat()):
    "The same through fastai's `Learner.fit` (no progress bar, validation on one small batch), optimiser made before the clock starts as in `hand_loop`."
    learn = Learner(dls, model, loss_func=loss_func, opt_func=partial(OptimWrapper, opt=torch.optim.Adam), wd=0)
    learn.create_opt()
    t0 = time.perf_counter()
    with learn.no_bar(): learn.fit(epochs, 1e-3)
    return epochs * len(dls.train) * dls.train.bs / (time.perf_counter() - t0)

def loader_only(dl, epochs):
    t0 = time.perf_counter(); n = sum(len(xb) for _ in range(epochs) for xb, _ in dl)
    return n / (time.perf_counter() - t0)

def bench_mnist(repeats, epochs):
    d = read_digits(mnist_sample())
    small_valid = {**d, 'x_valid': d['x_valid'][:256], 'y_valid': d['y_valid'][:256]}
    res = {'hand': [], 'fastai': [], 'loader': []}
    for r in range(repeats):
        set_seed(r); dls = digit_dls(small_valid, bs=128, augment='affine', device=torch.device('cpu'))
        res['loader'].append(loader_only(dls.train, epochs))
        set_seed(r); res['hand'].append(hand_loop(mnist_model('resnet', DEFAULTS['width']), dls.train, epochs))
        set_seed(r); res['fastai'].append(fastai_loop(mnist_model('resnet', DEFAULTS['width']), dls, epochs))
    med = {k: statistics.median(v) for k, v in res.items()}
    return dict(images_per_second=med, fastai_over_hand=med['fastai'] / med['hand'], loader_over_training=med['loader'] / med['fastai'])

def bench_superres(repeats, quick):
    "The default super-resolution U-Net on one epoch of its own loader's crops at the default size (fastai vs hand loop), and that loader."
    from torch.utils.data import TensorDataset
    from lesson7.data import photo_folder
    from lesson7.mnist import TensorDL
    from lesson7.superres import build_model, default_config, make_pairs, superres_dls
    cfg = default_config('unet', size=128, crappy_size=96, widths=[32, 64, 128, 256], unshuffle=True)
    pairs = make_pairs(photo_folder(), 128, 96, n_variants=1 if quick else 8, scales=(1,) if quick else (1, 1.375, 2))
    sdl = superres_dls(pairs, crop=64, bs=8, repeats=1 if quick else 2, device=torch.device('cpu'))
    t0 = time.perf_counter(); batches = [(x.as_subclass(torch.Tensor), y.as_subclass(torch.Tensor)) for x, y in sdl.train]
    loader = sum(len(x) for x, _ in batches) / (time.perf_counter() - t0)
    x, y = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    mk = lambda n: TensorDL(TensorDataset(x[:n], y[:n]), bs=8, shuffle=True, drop_last=True, num_workers=0)
    dls = DataLoaders(mk(len(x)), mk(8))
    res = {'hand': [], 'fastai': []}
    for r in range(repeats):
        set_seed(r); res['hand'].append(hand_loop(build_model(cfg), dls.train, 1, F.l1_loss))
        set_seed(r); res['fastai'].append(fastai_loop(build_model(cfg), dls, 1, L1LossFlat()))
    med = {k: statistics.median(v) for k, v in res.items()}
    return dict(images_per_second=dict(**med, loader=loader), fastai_over_hand=med['fastai'] / med['hand'],
                loader_over_training=loader / med['fastai'])

def seconds(f, repeats):
    "Median wall-clock seconds of `f()` over `repeats` calls, after one warm-up call."
    f(); ts = []
    for _ in range(repeats): t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

def bench_feature_loss(repeats):
    "One feature-loss evaluation (forward and backward to the prediction) against one U-Net training step with pixel L1."
    from lesson7.feature_loss import lesson_feature_loss
    from lesson7.superres import build_model, default_config
    set_seed(0); x, y = torch.randn(8, 3, 64, 64), torch.randn(8, 3, 64, 64)  # the default stage-1 batch: 8 crops of 64 px
    model = build_model(default_config('unet', unshuffle=True)); opt = torch.optim.Adam(model.parameters())
    fl, _ = lesson_feature_loss(pretrained=False)
    def pixel_step(): F.l1_loss(model(x), y).backward(); opt.step(); opt.zero_grad()
    def feature_loss(): fl(x.clone().requires_grad_(), y).backward()
    step, loss = seconds(pixel_step, repeats), seconds(feature_loss, repeats)
    fl.remove()
    return dict(pixel_step_seconds=step, feature_loss_seconds=loss, feature_loss_over_step=loss / step)

# VmHWM is this process's own peak resident set (Linux); `getrusage`'s ru_maxrss would start from the parent's peak.
CHILD = ('import re, sys; from lesson7.cli import main; rc = main(); '
         'print("PEAK_RSS_KIB", re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1]); sys.exit(rc)')
PIPELINES = [('mnist', ['mnist']), ('superres', ['superres', 'train']), ('wgan', ['wgan']), ('superres-gan', ['superres-gan'])]

def peak_memory(quick):
    "Peak resident memory (MiB) of each pipeline's command at its default CPU size, one epoch, in a fresh process."
    res = {}
    for name, cmd in PIPELINES:
        with tempfile.TemporaryDirectory() as d:
            args = [sys.executable, '-c', CHILD, *cmd, '--epochs', '1', '--out', d, '--cpu', *(['--quick'] if quick else [])]
            r = subprocess.run(args, capture_output=True, text=True)
            kib = [int(l.split()[1]) for l in r.stdout.splitlines() if l.startswith('PEAK_RSS_KIB')]
            res[name] = dict(peak_rss_MiB=kib[0] / 1024 if kib else None, ok=r.returncode == 0)
    return res

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--repeats', type=int, default=5); p.add_argument('--quick', action='store_true')
    a = p.parse_args()
    res = dict(hardware=f'{platform.machine()}, {torch.get_num_threads()} torch threads, torch {torch.__version__}',
               mnist_resnet=bench_mnist(1 if a.quick else a.repeats, 1 if a.quick else 2),
               superres_unet=bench_superres(1 if a.quick else 3, a.quick),
               feature_loss=bench_feature_loss(2 if a.quick else a.repeats),
               peak_memory=peak_memory(a.quick))
    print(json.dumps(res, indent=2))

if __name__ == '__main__': main()
