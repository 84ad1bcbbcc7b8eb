import json, shutil
from pathlib import Path
import numpy as np, PIL.Image, pytest, torch
from conftest import assert_one_line_error, run_cli
from lesson7.core import Lesson7Error
from lesson7.data import photo_folder
from lesson7.superres import evaluate, load_model, predict, train

@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    "One quick `lesson7 superres train` run shared by the tests: its folder."
    out = tmp_path_factory.mktemp('train')
    rc, so, se = run_cli('superres', 'train', '--quick', '--cpu', '--out', out)
    assert rc == 0, se
    assert so.splitlines()[0] == 'superres train: photos from offline photos (skimage, matplotlib, sklearn)'
    return out

def test_train_outputs(trained):
    m = json.loads((trained/'metrics.json').read_text())
    for k in ('psnr_model', 'psnr_bicubic', 'ssim_model', 'ssim_bicubic', 'n_valid', 'train_seconds', 'loss', 'feature_net', 'pretrained'):
        assert k in m, k
    assert m['n_valid'] == 4 and m['loss'] == 'pixel'
    for f in ('model.pth', 'results.png', 'losses.png', 'per_image.csv'): assert (trained/f).exists(), f

def test_train_odd_size(tmp_path):
    "A target size whose crappy size is not 3/4 of it (38 and 28): crops still pair up, outputs still fit the targets."
    m = train(size=38, quick=True, cpu=True, out=tmp_path)
    assert (m['size'], m['crappy_size'], m['grid'], m['n_valid']) == (38, 28, 'crappy', 4)
    assert np.isfinite(m['psnr_model']) and 0 < m['ssim_model'] <= 1

@pytest.fixture
def odd_photos(tmp_path):
    "Photos in awkward modes and sizes, a too-small one, a truncated JPEG and a text file."
    d = tmp_path/'odd'; d.mkdir()
    rgb = PIL.Image.open(photo_folder()/'skimage_coffee.png').convert('RGB')
    rgb.convert('L').save(d/'gray.png'); rgb.convert('RGBA').save(d/'rgba.png'); rgb.convert('P').save(d/'palette.png')
    rgb.convert('CMYK').save(d/'cmyk.jpg'); rgb.resize((300, 90)).save(d/'wide.png'); rgb.resize((12, 12)).save(d/'tiny.png')
    PIL.Image.fromarray((np.arange(120*150).reshape(120, 150) * 3 % 65536).astype(np.uint16)).save(d/'deep16.png')
    rgb.save(d/'full.jpg'); (d/'truncated.jpg').write_bytes((d/'full.jpg').read_bytes()[:3000]); (d/'full.jpg').unlink()
    (d/'notes.txt').write_text('not an image')
    return d

def test_evaluate_odd_folder(trained, odd_photos, tmp_path):
    before = sorted(p.name for p in odd_photos.iterdir())
    rc, so, se = run_cli('superres', 'evaluate', '--model', trained/'model.pth', '--data', odd_photos, '--out', tmp_path/'ev')
    assert rc == 0, se
    m = json.loads((tmp_path/'ev'/'metrics.json').read_text())
    assert (m['n_valid'], m['n_small'], m['n_bad']) == (6, 1, 1)
    assert len((tmp_path/'ev'/'per_image.csv').read_text().splitlines()) == 7
    assert (tmp_path/'ev'/'results.png').stat().st_size > 0
    assert sorted(p.name for p in odd_photos.iterdir()) == before   # nothing written into the user's folder

def test_predict(trained, tmp_path):
    rc, so, se = run_cli('superres', 'predict', photo_folder()/'skimage_coffee.png', photo_folder()/'skimage_camera.png',
                         '--model', trained/'model.pth', '--out', tmp_path/'pr')
    assert rc == 0, se
    outs = sorted((tmp_path/'pr').glob('*_restored.png')); assert len(outs) == 2
    assert PIL.Image.open(outs[1]).size[0] > 600   # bigger than the input, larger than any training crop

@pytest.mark.parametrize('content,words', [(b'garbage', 'not a lesson7.superres model that loads safely'), (None, 'not a lesson7.superres model')])
def test_bad_model_file_cli(tmp_path, content, words):
    f = tmp_path/'m.pth'
    if content is None: torch.save({'weights': torch.zeros(2)}, f)
    else: f.write_bytes(content)
    assert_one_line_error(*run_cli('superres', 'evaluate', '--model', f, '--data', photo_folder())[::2], '--model', words)

def test_pickled_code_is_not_run(tmp_path):
    class Evil:
        def __reduce__(self): return (Path.touch, (tmp_path/'pwned',))
    torch.save(Evil(), tmp_path/'evil.pth')
    with pytest.raises(Lesson7Error, match='loads safely'): load_model(tmp_path/'evil.pth')
    assert not (tmp_path/'pwned').exists()

def test_missing_model(tmp_path):
    with pytest.raises(Lesson7Error, match='--model'): evaluate(data=str(photo_folder()))
    with pytest.raises(Lesson7Error, match='no such file'): evaluate(model=str(tmp_path/'no.pth'), data=str(photo_folder()))
    with pytest.raises(Lesson7Error, match='--data'): evaluate(model=str(tmp_path/'no.pth'))

def test_bad_flags(tmp_path):
    with pytest.raises(Lesson7Error, match='--loss ssim'): train(quick=True, loss='ssim', out=str(tmp_path))
    with pytest.raises(Lesson7Error, match='--arch vgg'): train(quick=True, arch='vgg', out=str(tmp_path))
    with pytest.raises(Lesson7Error, match='no such folder'): train(quick=True, data=str(tmp_path/'nope'), out=str(tmp_path))
    with pytest.raises(Lesson7Error, match='--size 4'): train(quick=True, size=4, out=str(tmp_path))

def test_train_on_a_folder_too_small_to_split(tmp_path):
    d = tmp_path/'two'; d.mkdir()
    for n in ('skimage_coffee.png', 'skimage_chelsea.png'): shutil.copy(photo_folder()/n, d)
    with pytest.raises(Lesson7Error, match='need photos for both training and held-out'): train(quick=True, data=str(d), out=str(tmp_path/'o'))

def test_predict_unreadable_image(trained, tmp_path):
    (tmp_path/'bad.png').write_bytes(b'\x89PNG broken')
    with pytest.raises(Lesson7Error, match='bad.png'): predict([str(tmp_path/'bad.png')], model=str(trained/'model.pth'), out=str(tmp_path/'p'))
