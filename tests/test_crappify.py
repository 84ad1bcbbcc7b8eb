import shutil
from pathlib import Path
import numpy as np, PIL.Image, pytest
from conftest import assert_one_line_error
from lesson7.data import photo_folder
from lesson7.crappify import crappify_folder, pair_files

@pytest.fixture
def odd_folder(tmp_path):
    "Images in every awkward mode, a truncated JPEG and a text file."
    d = tmp_path/'src'; d.mkdir()
    rgb = PIL.Image.open(photo_folder()/'skimage_chelsea.png').convert('RGB')
    rgb.convert('L').save(d/'gray.png'); rgb.convert('RGBA').save(d/'rgba.png'); rgb.convert('P').save(d/'palette.png')
    rgb.convert('CMYK').save(d/'cmyk.jpg'); rgb.resize((40, 30)).save(d/'tiny.png')
    PIL.Image.fromarray((np.arange(200*300).reshape(200, 300) % 65536).astype(np.uint16)).save(d/'deep16.png')
    full = d/'full.jpg'; rgb.save(full); (d/'truncated.jpg').write_bytes(full.read_bytes()[:2000]); full.unlink()
    (d/'readme.txt').write_text('not an image')
    return d

def test_every_mode_converted(odd_folder, tmp_path):
    r = crappify_folder(odd_folder, tmp_path/'out')
    assert r == dict(n_written=6, n_skipped=0, n_bad=1, n_not_images=1)
    for f in (tmp_path/'out').glob('*.jpg'):
        im = PIL.Image.open(f); assert im.mode == 'RGB' and min(im.size) == 96, f
    assert len(pair_files(tmp_path/'out', odd_folder)) == 6

def test_cli_writes_and_resumes(cli, odd_folder, tmp_path):
    rc, out, err = cli('crappify', odd_folder, tmp_path/'out', '--size', '48', '--out', tmp_path/'run')
    assert rc == 0, err
    assert out.splitlines()[0].startswith('crappify: images from folder')
    rc, out, err = cli('crappify', odd_folder, tmp_path/'out', '--out', tmp_path/'run')
    assert 'written 0, already there 6' in out

def test_cli_missing_src(cli, tmp_path):
    assert_one_line_error(*cli('crappify', tmp_path/'nope', tmp_path/'out')[::2], 'SRC', 'no such folder')

def test_cli_no_images(cli, tmp_path):
    (tmp_path/'src').mkdir(); (tmp_path/'src'/'a.txt').write_text('x')
    assert_one_line_error(*cli('crappify', tmp_path/'src', tmp_path/'out')[::2], 'no image files')

def test_cli_dest_inside_src(cli, odd_folder):
    assert_one_line_error(*cli('crappify', odd_folder, odd_folder/'crappy')[::2], 'inside the source folder')

def test_cli_bad_size(cli, odd_folder, tmp_path):
    assert_one_line_error(*cli('crappify', odd_folder, tmp_path/'o', '--size', '0')[::2], '--size 0')
    assert_one_line_error(*cli('crappify', odd_folder, tmp_path/'o', '--size', 'big')[::2], '--size')

def test_cli_needs_both_folders(cli, odd_folder):
    rc, out, err = cli('crappify', odd_folder)
    assert rc != 0 and 'Traceback' not in err
