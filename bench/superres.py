"""Measure super-resolution quality on the held-out photos: PSNR/SSIM of the model vs bicubic, and training time.

  python bench/superres.py                       # the default `lesson7 superres train` recipe, pixel and feature loss
  python bench/superres.py --loss pixel --widths 16,32,64,128 --ep1 8 --ep2 2 --tag small   # one recipe-search run
  python bench/superres.py --grid target --unshuffle --lr 3e-3 --bs 8 --n-var 8 --reps 2 --scales 1,1.375,2 --ep1 30 --ep2 8 --tag multiscale
  python bench/superres.py --fresh --lr 3e-3 --bs 8 --reps 48 --ep1 20 --ep2 5 --tag fresh   # FreshDamage crops of the originals
  python bench/superres.py --fresh --lr 3e-3 --bs 8 --reps 22 --ep1 20 --ep2 5 --add-photos /tmp/more_photos --tag more-photos   # see bench/more_photos.py

Each run appends one JSON line to runs/bench_superres.jsonl and prints a markdown table of all runs so far.
"""
import argparse, json, shutil, time
from pathlib import Path
import torch
from lesson7.core import get_device, set_seed
from lesson7.data import photo_folder
from lesson7.superres import HELD_OUT, default_config, fit_stages, make_pairs, score_pairs, summarise, superres_dls, superres_learner, train

LOG = Path('runs/bench_superres.jsonl')

def offline_plus(extra:Path)->Path:
    "A folder holding the offline photos and the photos in `extra` (copied once); `HELD_OUT` stays held out."
    dest = Path('runs/photos_plus')/extra.name; dest.mkdir(parents=True, exist_ok=True)
    for f in [*photo_folder().iterdir(), *extra.iterdir()]:
        if not (dest/f.name).exists(): shutil.copyfile(f, dest/f.name)
    return dest

def one_run(a):
    "Train one recipe with the library functions and score it on the held-out photos."
    set_seed(a.seed); dev = get_device(a.cpu)
    cfg = default_config('unet', size=a.size, crappy_size=round(a.size*3/4), widths=[int(w) for w in a.widths.split(',')],
                         up=a.up, residual=not a.plain, norm=a.norm, unshuffle=a.unshuffle, grid=a.grid)
    scales = (1,) if a.fresh else tuple(float(x) for x in a.scales.split(','))  # fresh: only the held-out pairs are used
    src = offline_plus(Path(a.add_photos)) if a.add_photos else photo_folder()
    pairs = make_pairs(src, a.size, cfg['crappy_size'], n_variants=1 if a.fresh else a.n_var, seed=a.seed, scales=scales, held_out=HELD_OUT)
    learn = superres_learner(superres_dls(pairs, a.crop, a.bs, device=dev, grid=a.grid, fresh=a.fresh), cfg, a.loss, pretrained=True)
    t0 = time.time()
    fit_stages(learn, pairs, (a.ep1, a.ep2), a.crop, a.bs, a.lr, repeats=a.reps, max_zoom=a.zoom, fresh=a.fresh)
    secs = time.time() - t0
    res = dict(tag=a.tag, **summarise(score_pairs(learn.model, cfg, pairs['valid'])), train_seconds=round(secs), loss=a.loss,
               feature_net=learn.sr_info['feature_net'], widths=a.widths, crop=a.crop, bs=a.bs, epochs=[a.ep1, a.ep2], lr=a.lr,
               n_var='fresh' if a.fresh else a.n_var, reps=a.reps, n_train=len(pairs['originals']), scales=a.scales, zoom=a.zoom, residual=not a.plain, norm=a.norm, up=a.up, unshuffle=a.unshuffle, grid=a.grid, threads=torch.get_num_threads())
    if a.loss == 'feature': learn.loss_func.remove()
    return res

def table(rows):
    head = '| tag | grid | loss | widths | crop/bs | epochs | lr | variants x repeats | scales | PSNR model | PSNR bicubic | gain dB | SSIM model | SSIM bicubic | train s |'
    out = [head, '|' + '---|' * (head.count('|') - 1)]
    for r in rows:
        out.append(f"| {r['tag']} | {r.get('grid', 'target')} | {r['loss']} | {r['widths']} | {r['crop']}/{r['bs']} | {r['epochs']} | {r['lr']} | {r['n_var']}x{r['reps']} | {r.get('scales', '1')} | "
                   f"{r['psnr_model']:.2f} | {r['psnr_bicubic']:.2f} | {r['psnr_gain']:+.2f} | {r['ssim_model']:.3f} | {r['ssim_bicubic']:.3f} | {r['train_seconds']} |")
    return '\n'.join(out)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--default', action='store_true', help='run `lesson7 superres train` itself (pixel and feature loss)')
    p.add_argument('--tag', default='run'); p.add_argument('--loss', default='pixel'); p.add_argument('--size', type=int, default=128)
    p.add_argument('--widths', default='32,64,128,256'); p.add_argument('--up', default='shuffle'); p.add_argument('--norm', default='batch')
    p.add_argument('--plain', action='store_true', help='no residual output'); p.add_argument('--unshuffle', action='store_true'); p.add_argument('--grid', default='crappy', help="'crappy' (UpscalingUNet) or 'target' (bicubic input)"); p.add_argument('--crop', type=int, default=64)
    p.add_argument('--bs', type=int, default=16); p.add_argument('--ep1', type=int, default=6); p.add_argument('--ep2', type=int, default=3)
    p.add_argument('--lr', type=float, default=1e-3); p.add_argument('--n-var', type=int, default=4); p.add_argument('--reps', type=int, default=4)
    p.add_argument('--zoom', type=float, default=1.); p.add_argument('--scales', default='1', help='training scales, e.g. 1,1.375,2'); p.add_argument('--seed', type=int, default=42); p.add_argument('--cpu', action='store_true')
    p.add_argument('--fresh', action='store_true', help='train on FreshDamage crops of the originals (--n-var, --scales then unused)')
    p.add_argument('--add-photos', help='train on the photos in this folder too (`bench/more_photos.py` writes one)')
    a = p.parse_args()
    if a.default:
        runs = []
        for loss in ('pixel', 'feature'):
            r = train(loss=loss, out=f'runs/bench_default_{loss}', seed=a.seed, cpu=a.cpu)
            runs.append(dict(tag=f'default train --loss {loss}', grid=r['grid'], widths='default', crop=r['crop'], bs=r['bs'], epochs=r['epochs'], lr=r['lr'],
                             n_var=r['damage'], reps=r['repeats'], scales='zoom 1-3', **{k: r[k] for k in ('loss', 'psnr_model', 'psnr_bicubic', 'psnr_gain', 'ssim_model', 'ssim_bicubic', 'train_seconds')}))
    else: runs = [one_run(a)]
    LOG.parent.mkdir(exist_ok=True)
    with open(LOG, 'a') as f:
        for r in runs: f.write(json.dumps(r, default=str) + '\n')
    print(table([json.loads(l) for l in LOG.read_text().splitlines()]))
