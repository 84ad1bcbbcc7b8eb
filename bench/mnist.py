"""MNIST benchmarks for README: accuracy and speed of each model, the dense-vs-residual comparison, the depth
experiment, and the folder loader at full MNIST size. Usage: python bench/mnist.py [--out DIR] [--quick]"""
import argparse, json, platform, shutil, tempfile, time
from pathlib import Path

import numpy as np, PIL.Image, torch

from lesson7.core import set_seed
from lesson7.data import mnist_sample, read_digits
from lesson7.mnist import (DEPTH_NAMES, activation_bytes, compare_training, digit_dls, layer_param_count, mnist,
                           mnist_model, plot_training)

def hardware():
    return f'{platform.processor() or platform.machine()}, {torch.get_num_threads()} torch threads, torch {torch.__version__}'

def bench_models(out, quick, seeds=(42, 0, 1)):
    "Train each model with the command's defaults, once per seed; accuracy per seed and its mean, median time and throughput."
    rows = {}
    for name in ('basic', 'refactor', 'resnet', 'dense'):
        ms = [mnist(model=name, out=str(out/f'{name}_seed{s}'), cpu=True, seed=s, epochs=1 if quick else None) for s in seeds]
        rows[name] = dict(accuracy={s: m['accuracy'] for s, m in zip(seeds, ms)}, mean_accuracy=np.mean([m['accuracy'] for m in ms]),
                          **{k: ms[0][k] for k in ('params', 'width', 'epochs', 'lr', 'wd')},
                          **{k: float(np.median([m[k] for m in ms])) for k in ('train_seconds', 'train_images_per_second')})
    return rows

def bench_memory():
    "Parameters and activation memory per batch of 128 for the residual and dense models."
    xb = torch.randn(128, 1, 28, 28)
    return {n: dict(params=layer_param_count(mnist_model(n)), activation_MiB=activation_bytes(mnist_model(n), xb) / 2**20)
            for n in ('resnet', 'dense')}

def bench_depth(out, quick):
    "The deeper-is-not-better experiment: same data, same epochs, no augmentation."
    set_seed(0)
    d = read_digits(mnist_sample())
    res = compare_training(DEPTH_NAMES, digit_dls(d, augment='none', device=torch.device('cpu')), epochs=1 if quick else 6)
    ax = plot_training(res); ax.figure.savefig(out/'depth.png', dpi=80, bbox_inches='tight')
    return {n: {k: r[k] for k in ('params', 'train_loss', 'accuracy', 'seconds')} for n, r in res.items()}

def bench_loader(quick):
    "Decode a folder in the full URLs.MNIST layout (60,000 / 10,000, made by repeating the sample), then iterate it."
    src = read_digits(mnist_sample())
    n_train, n_valid = (6000, 1000) if quick else (60000, 10000)
    with tempfile.TemporaryDirectory() as t:
        t = Path(t)
        for split, x, y, n in (('training', src['x_train'], src['y_train'], n_train), ('testing', src['x_valid'], src['y_valid'], n_valid)):
            for c in range(10): (t/split/str(c)).mkdir(parents=True)
            for i in range(n): PIL.Image.fromarray(x[i % len(x)]).save(t/split/str(y[i % len(y)])/f'{i}.png')
        t0 = time.perf_counter(); d = read_digits(t); decode = time.perf_counter() - t0
    dls = digit_dls(d, bs=128, device=torch.device('cpu'))
    t0 = time.perf_counter(); n = sum(len(xb) for xb, _ in dls.train); it = time.perf_counter() - t0
    return dict(n_train=len(d['y_train']), n_valid=len(d['y_valid']), decode_seconds=decode,
                decode_images_per_second=(n_train + n_valid) / decode, batches_images_per_second=n / it)

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--out', default='runs/bench_mnist'); p.add_argument('--quick', action='store_true')
    p.add_argument('--seeds', default='42,0,1', help='seeds for each model of the accuracy table')
    a = p.parse_args(); out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    seeds = [int(s) for s in a.seeds.split(',')][:1 if a.quick else None]
    res = dict(hardware=hardware(), models=bench_models(out, a.quick, seeds), memory=bench_memory(),
               depth=bench_depth(out, a.quick), loader=bench_loader(a.quick))
    (out/'results.json').write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2))

if __name__ == '__main__': main()
