"""Framework overhead and memory: fastai's Learner against a minimal hand-written PyTorch loop on the same model,
data tensors, batch size and optimiser (torch's Adam in both), each pipeline's loader alone, the cost of one feature-loss
evaluation against one U-Net step, and peak resident memory of each `lesson7` pipeline at its default CPU size (one
epoch). The four pipelines' models (MNIST ResNet, super-resolution U-Net, WGAN, super-resolution GAN) are each timed
in pairs of runs, hand loop and fastai back to back in alternating order; ratios are medians of the pairs' ratios.
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
    with learn.no_bar(), learn.no_logging(): learn.fit(epochs, 1e-3)
    return epochs * len(dls.train) * dls.train.bs / (time.perf_counter() - t0)

def loader_only(dl, epochs):
    t0 = time.perf_counter(); n = sum(len(xb) for _ in range(epochs) for xb, _ in dl)
    return n / (time.perf_counter() - t0)

def paired(hand, fastai, repeats):
    """Time `hand(r)` and `fastai(r)` (each returns images/second) back to back, `repeats` times, alternating which
    goes first: a shared machine's speed drifts by tens of percent within a minute, so each pair is compared with
    itself and the ratio reported is the median of the pairs' ratios."""
    res = {'hand': [], 'fastai': [], 'ratio': []}
    for r in range(repeats):
        pair = {}
        for k in (('hand', 'fastai') if r % 2 == 0 else ('fastai', 'hand')):
            set_seed(r); pair[k] = (hand if k == 'hand' else fastai)(r)
        for k in pair: res[k].append(pair[k])
        res['ratio'].append(pair['fastai'] / pair['hand'])
    return dict(images_per_second={k: statistics.median(res[k]) for k in ('hand', 'fastai')},
                fastai_over_hand=statistics.median(res['ratio']), ratios=[round(x, 3) for x in res['ratio']])

def bench_mnist(repeats, epochs):
    d = read_digits(mnist_sample())
    small_valid = {**d, 'x_valid': d['x_valid'][:256], 'y_valid': d['y_valid'][:256]}
    set_seed(0); dls = digit_dls(small_valid, bs=128, augment='affine', device=torch.device('cpu'))
    loader = statistics.median(loader_only(dls.train, epochs) for _ in range(repeats))
    res = paired(lambda r: hand_loop(mnist_model('resnet', DEFAULTS['width']), dls.train, epochs),
                 lambda r: fastai_loop(mnist_model('resnet', DEFAULTS['width']), dls, epochs), repeats)
    res['images_per_second']['loader'] = loader
    return dict(**res, loader_over_training=loader / res['images_per_second']['fastai'])

def bench_superres(repeats, quick):
    "The default super-resolution U-Net on one epoch of its own loader's crops at the default size (fastai vs hand loop), and that loader."
    from torch.utils.data import TensorDataset
    from lesson7.data import photo_folder
    from lesson7.mnist import TensorDL
    from lesson7.superres import build_model, default_config, make_pairs, superres_dls
    cfg = default_config('unet', size=128, crappy_size=96, widths=[32, 64, 128, 256], grid='crappy')
    pairs = make_pairs(photo_folder(), 128, 96, n_variants=1 if quick else 8, scales=(1,) if quick else (1, 1.375, 2))
    sdl = superres_dls(pairs, crop=64, bs=8, repeats=1 if quick else 2, device=torch.device('cpu'), grid='crappy')
    t0 = time.perf_counter(); batches = [(x.as_subclass(torch.Tensor), y.as_subclass(torch.Tensor)) for x, y in sdl.train]
    loader = sum(len(x) for x, _ in batches) / (time.perf_counter() - t0)
    x, y = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    mk = lambda n: TensorDL(TensorDataset(x[:n], y[:n]), bs=8, shuffle=True, drop_last=True, num_workers=0)
    dls = DataLoaders(mk(len(x)), mk(8))
    res = paired(lambda r: hand_loop(build_model(cfg), dls.train, 1, F.l1_loss),
                 lambda r: fastai_loop(build_model(cfg), dls, 1, L1LossFlat()), repeats)
    res['images_per_second']['loader'] = loader
    return dict(**res, loader_over_training=loader / res['images_per_second']['fastai'])

def hand_gan(gen, crit, batches, modes, gen_loss, crit_loss, opt_func, clip=None):
    "A minimal GAN loop replaying fastai's sequence of steps (`modes`, True for a generator step); images/second."
    opt_g, opt_c = opt_func(gen.parameters()), opt_func(crit.parameters())
    gen.train(); crit.train(); n = 0
    t0 = time.perf_counter()
    for (x, real), gen_step in zip(batches, modes):
        for p in crit.parameters(): p.requires_grad_(not gen_step)
        if gen_step:
            out = gen(x); gen_loss(crit(out), out, real).backward(); opt_g.step(); opt_g.zero_grad()
        else:
            if clip:
                with torch.no_grad():
                    for p in crit.parameters(): p.clamp_(-clip, clip)
            with torch.no_grad(): fake = gen(x)
            crit_loss(crit(real), crit(fake)).backward(); opt_c.step(); opt_c.zero_grad()
        n += len(real)
    return n / (time.perf_counter() - t0)

def fastai_gan(learn, lr):
    "One epoch of a `GANLearner`: `(images/second, the sequence of steps it took)`."
    from lesson7.wgan import GANHistory
    hist = GANHistory(); learn.create_opt()
    t0 = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit(1, lr, cbs=hist)
    secs = time.perf_counter() - t0
    return len(hist.history) * learn.dls.train.bs / secs, [g for _, g, _ in hist.history]

def compare_gan(make_learner, make_hand, lr, repeats):
    "fastai's GAN loop against `hand_gan` replaying the steps fastai took (recorded in a warm-up epoch), on fresh models each time."
    set_seed(0); _, modes = fastai_gan(make_learner(), lr)
    res = paired(lambda r: make_hand(modes), lambda r: fastai_gan(make_learner(), lr)[0], repeats)
    return dict(**res, generator_steps=sum(modes), critic_steps=len(modes) - sum(modes))

def bench_wgan(repeats, quick):
    "`lesson7 wgan`'s default models, learner and loader (digits at 32 px, batch 64, 2 critic steps per generator step) for one epoch."
    from lesson7.wgan import CPU_DEFAULTS, digit_images, tensor_dls, wgan_learner, wgan_models
    d = read_digits(mnist_sample()); imgs = digit_images(d['x_train'][:512] if quick else d['x_train'])
    nf, n_crit, lr = CPU_DEFAULTS['n_features'], CPU_DEFAULTS['n_crit'], CPU_DEFAULTS['lr']
    set_seed(0); dls = tensor_dls(imgs, bs=64, device=torch.device('cpu'))
    loader = loader_only(dls.train, 1)
    batches = [(x.as_subclass(torch.Tensor), y.as_subclass(torch.Tensor)) for x, y in dls.train]
    def make_learner(): return wgan_learner(dls, *wgan_models(32, 1, nf), n_crit=n_crit)
    def make_hand(modes):
        gen, crit = wgan_models(32, 1, nf)
        return hand_gan(gen, crit, batches, modes, lambda fake_pred, out, real: fake_pred.mean(),
                        lambda real_pred, fake_pred: real_pred.mean() - fake_pred.mean(),
                        partial(torch.optim.Adam, lr=lr, betas=(0., 0.99)), clip=0.01)
    res = compare_gan(make_learner, make_hand, lr, repeats)
    res['images_per_second']['loader'] = loader
    return dict(**res, loader_over_training=loader / res['images_per_second']['fastai'])

def bench_superres_gan(repeats, quick):
    "`lesson7 superres-gan`'s GAN stage (its U-Net, critic, losses, optimiser) for one epoch of its own loader's crops."
    from torch.utils.data import TensorDataset
    from fastai.vision.gan import AdaptiveGANSwitcher, AdaptiveLoss, FixedGANSwitcher, gan_loss_from_func
    from lesson7.data import photo_folder
    from lesson7.mnist import TensorDL
    from lesson7.superres import build_model, default_config, make_pairs, superres_dls
    from lesson7.superres_gan import _sizes, critic_for, critic_learner, pixel_learner, superres_gan_learner
    s = _sizes(quick, torch.device('cpu'))
    cfg = default_config('unet', size=s['size'], crappy_size=s['size'] * 3 // 4, widths=s['widths'])
    pairs = make_pairs(photo_folder(), s['size'], cfg['crappy_size'], n_variants=s['n_variants'])
    sdl = superres_dls(pairs, s['crop'], s['bs'], repeats=s['repeats'], device=torch.device('cpu'))
    t0 = time.perf_counter(); batches = [(x.as_subclass(torch.Tensor), y.as_subclass(torch.Tensor)) for x, y in sdl.train]
    loader = sum(len(x) for x, _ in batches) / (time.perf_counter() - t0)
    x, y = torch.cat([b[0] for b in batches]), torch.cat([b[1] for b in batches])
    mk = lambda n: TensorDL(TensorDataset(x[:n], y[:n]), bs=s['bs'], shuffle=False, drop_last=True, num_workers=0)
    dls = DataLoaders(mk(len(x)), mk(s['bs']))
    def make_learner():  # one critic step, then one generator step: the adaptive switcher would give a fresh critic every step
        learn = superres_gan_learner(pixel_learner(dls, cfg), critic_learner(dls, s['crop'], s['critic_nf']))
        learn.remove_cb(AdaptiveGANSwitcher); learn.add_cb(FixedGANSwitcher(n_crit=1, n_gen=1))
        return learn
    def make_hand(modes):
        gen, crit = build_model(cfg), critic_for(s['crop'], s['critic_nf'])
        loss_g, loss_c = gan_loss_from_func(F.mse_loss, AdaptiveLoss(torch.nn.BCEWithLogitsLoss()), (1., 50.))
        return hand_gan(gen, crit, batches, modes, loss_g, loss_c, partial(torch.optim.AdamW, lr=1e-4, betas=(0., 0.99), weight_decay=1e-3))
    res = compare_gan(make_learner, make_hand, 1e-4, repeats)
    res['images_per_second']['loader'] = loader
    return dict(**res, loader_over_training=loader / res['images_per_second']['fastai'])

def seconds(f, repeats):
    "Median wall-clock seconds of `f()` over `repeats` calls, after one warm-up call."
    f(); ts = []
    for _ in range(repeats): t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

def bench_feature_loss(repeats):
    "One feature-loss evaluation (forward and backward to the prediction) against one U-Net training step with pixel L1."
    from lesson7.feature_loss import lesson_feature_loss
    from lesson7.superres import build_model, default_config
    set_seed(0); x, y = torch.randn(8, 3, 48, 48), torch.randn(8, 3, 64, 64)  # the default stage-1 batch: 8 crops, 48 crappy px for 64
    model = build_model(default_config('unet', grid='crappy')); opt = torch.optim.Adam(model.parameters())
    fl, _ = lesson_feature_loss(pretrained=False)
    def pixel_step(): F.l1_loss(model(x), y).backward(); opt.step(); opt.zero_grad()
    def feature_loss(): fl(torch.randn_like(y).requires_grad_(), y).backward()
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
               mnist_resnet=bench_mnist(1 if a.quick else 2 * a.repeats, 1 if a.quick else 2),
               superres_unet=bench_superres(1 if a.quick else 4, a.quick),
               wgan=bench_wgan(1 if a.quick else 6, a.quick),
               superres_gan=bench_superres_gan(1 if a.quick else 4, a.quick),
               feature_loss=bench_feature_loss(2 if a.quick else a.repeats),
               peak_memory=peak_memory(a.quick))
    print(json.dumps(res, indent=2))

if __name__ == '__main__': main()
