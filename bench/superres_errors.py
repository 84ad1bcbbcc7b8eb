"""Where a super-resolution model's error is: brightness (Y) or colour (Cb, Cr), on the held-out photos (or the training ones).

  python bench/superres_errors.py runs/bench_default_pixel/model.pth           # the four held-out photos
  python bench/superres_errors.py runs/bench_default_pixel/model.pth --train   # the twelve training photos, one damaged copy each
  python bench/superres_errors.py runs/bench_default_pixel/model.pth --picture docs/superres_errors.jpg   # and maps of the errors

Per photo: PSNR of bicubic and of the model; the model's brightness with bicubic's colour (does the model's colour
help?) and with the original's colour (how far perfect colour would take it); mean squared error in Y, Cb and Cr
for bicubic, the model, and bicubic of the undamaged small photo (the same shrink, no number, no JPEG: what is left
once the damage is undone perfectly and the upscale stays bicubic), and bicubic of the same damage saved with
colour at full resolution (JPEG 4:4:4 instead of 4:2:0: how much of the colour error is lost resolution).
`--picture` also draws, for each colour photo, where the brightness and the colour errors of bicubic and of the
model are.
"""
import argparse
import io
import numpy as np, PIL.Image
import matplotlib.pyplot as plt
from lesson7.crappify import crappy_jpeg, file_rng, small_size
from lesson7.data import open_rgb, photo_folder
from lesson7.superres import colour_errors, load_model, make_pairs, quality, restore

SEED = 42  # `make_pairs`' default: the damage of the held-out photos

def error_maps(im, targ):
    "Error per pixel in brightness (|Y difference|) and in colour (length of the (Cb, Cr) difference)."
    d = np.asarray(im.convert('YCbCr'), float) - np.asarray(targ.convert('YCbCr'), float)
    return np.abs(d[..., 0]), np.sqrt((d[..., 1:]**2).sum(-1))

def draw_maps(maps, path):
    "One row per photo: the target, then bicubic's and the model's brightness and colour errors."
    fig, axs = plt.subplots(len(maps), 5, figsize=(15, 3.2*len(maps)), squeeze=False)
    for row, (name, targ, (yb, cb), (ym, cm)) in zip(axs, maps):
        row[0].imshow(targ); row[0].set_title(name)
        for ax, m, t in zip(row[1:], (yb, ym, cb, cm), ('brightness (Y), bicubic', 'brightness (Y), model', 'colour (Cb + Cr), bicubic', 'colour (Cb + Cr), model')):
            ax.imshow(m, cmap='magma', vmin=0, vmax=40); ax.set_title(f'{t}\nmean squared error {np.mean(m**2):.0f}', fontsize=10)
        for ax in row: ax.axis('off')
    fig.tight_layout(); fig.savefig(path, dpi=60, pil_kwargs=dict(quality=85)); plt.close(fig)

def brightness_of(a, b):
    "`a`'s Y with `b`'s Cb and Cr, as RGB."
    y, cb, cr = a.convert('YCbCr').split(); _, cb, cr = b.convert('YCbCr').split()
    return PIL.Image.merge('YCbCr', (y, cb, cr)).convert('RGB')

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('model'); p.add_argument('--train', action='store_true', help='the training photos instead of the held-out ones')
    p.add_argument('--picture', help='also save maps of the errors of the colour photos here (e.g. a .jpg)')
    a = p.parse_args()
    net, cfg = load_model(a.model); src = photo_folder()
    pairs = make_pairs(src, cfg['size'], cfg['crappy_size'], seed=SEED)
    originals = {f.stem: f for f in src.iterdir()}
    fmt = lambda e: '/'.join(f'{v:.0f}' for v in e.values())
    print('| photo | PSNR bicubic | PSNR model | model Y + bicubic colour | model Y + true colour | MSE Y/Cb/Cr bicubic | model | undamaged bicubic | bicubic, JPEG 4:4:4 |')
    print('|---|---|---|---|---|---|---|---|---|')
    rows, maps = [], []
    for x, y in pairs['train' if a.train else 'valid']:
        targ = open_rgb(y); pred, bic = restore(net, cfg, open_rgb(x), targ.size)
        f = originals[y.stem]; o = open_rgb(f); clean = o.resize(small_size(o.size, cfg['crappy_size']), PIL.Image.BILINEAR).resize(targ.size, PIL.Image.BICUBIC)
        damage = lambda s: PIL.Image.open(io.BytesIO(crappy_jpeg(o, file_rng(SEED, f.relative_to(src)), cfg['crappy_size'], subsampling=s))).convert('RGB')
        assert np.array_equal(np.asarray(damage(-1)), np.asarray(open_rgb(x))), f'{x}: not the damage of seed {SEED}'
        full = damage(0).resize(targ.size, PIL.Image.BICUBIC)
        r = [quality(im, targ)[0] for im in (bic, pred, brightness_of(pred, bic), brightness_of(pred, targ))]; rows.append(r)
        if a.picture and np.ptp(np.asarray(targ.convert('YCbCr'))[..., 1:]):  # a colour photo
            maps.append((y.stem, targ, error_maps(bic, targ), error_maps(pred, targ)))
        print(f'| {y.stem} | {r[0]:.2f} | {r[1]:.2f} | {r[2]:.2f} | {r[3]:.2f} | {fmt(colour_errors(bic, targ))} | {fmt(colour_errors(pred, targ))} | {fmt(colour_errors(clean, targ))} | {fmt(colour_errors(full, targ))} |')
    m = np.mean(rows, 0)
    print(f'| mean | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.2f} | {m[3]:.2f} | | | | |')
    if a.picture: draw_maps(maps, a.picture); print(f'error maps of {len(maps)} colour photos: {a.picture}')
