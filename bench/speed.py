"""Framework overhead and memory: fastai's Learner against a minimal hand-written PyTorch loop on the same model,
data tensors, batch size and optimiser (torch's Adam in both), and the loader alone. Medians over repeats.
Usage: python bench/speed.py [--repeats N] [--quick]"""
import argparse, json, platform, statistics, time
from functools import partial

import torch, torch.nn.functional as F
from fastai.learner import Learner
from fastai.optimizer import OptimWrapper
from fastai.losses import CrossEntropyLossFlat

from lesson7.core import set_seed
from lesson7.data import mnist_sample, read_digits
from lesson7.mnist import digit_dls, mnist_model

def hand_loop(model, dl, epochs):
    "The plainest training loop: forward, loss, backward, step."
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train(); n = 0
    t0 = time.perf_counter()
    for _ in range(epochs):
        for xb, yb in dl:
            loss = F.cross_entropy(model(xb), yb)
            loss.backward(); opt.step(); opt.zero_grad(); n += len(xb)
    return n / (time.perf_counter() - t0)

def fastai_loop(model, dls, epochs):
    "The same through fastai's `Learner.fit` (no progress bar, validation on one small batch)."
    learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), opt_func=partial(OptimWrapper, opt=torch.optim.Adam), wd=0)
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
        set_seed(r); res['hand'].append(hand_loop(mnist_model('resnet'), dls.train, epochs))
        set_seed(r); res['fastai'].append(fastai_loop(mnist_model('resnet'), dls, epochs))
    med = {k: statistics.median(v) for k, v in res.items()}
    return dict(images_per_second=med, fastai_over_hand=med['fastai'] / med['hand'], loader_over_training=med['loader'] / med['fastai'])

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--repeats', type=int, default=5); p.add_argument('--quick', action='store_true')
    a = p.parse_args()
    res = dict(hardware=f'{platform.machine()}, {torch.get_num_threads()} torch threads, torch {torch.__version__}',
               mnist_resnet=bench_mnist(1 if a.quick else a.repeats, 1 if a.quick else 2))
    print(json.dumps(res, indent=2))

if __name__ == '__main__': main()
