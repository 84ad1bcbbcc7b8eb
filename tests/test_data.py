import shutil
from pathlib import Path
import numpy as np, PIL.Image, pytest
from lesson7.core import Lesson7Error
from lesson7.data import mnist_sample, read_digits, check_digit_folder, photo_folder, check_image_folder

@pytest.fixture
def digits(tmp_path):
    d = tmp_path/'digits'; shutil.copytree(mnist_sample(), d); return d

def test_sample_layout_and_split():
    d = read_digits(mnist_sample())
    assert d['x_train'].shape == (4000, 28, 28) and d['x_valid'].shape == (1000, 28, 28)
    assert (np.bincount(d['y_train']) == 400).all()

def test_missing_folder(tmp_path):
    with pytest.raises(Lesson7Error, match='no such folder'): check_digit_folder(tmp_path/'nope')

def test_wrong_layout(tmp_path):
    (tmp_path/'a'/'0').mkdir(parents=True)
    with pytest.raises(Lesson7Error, match='URLs.MNIST layout'): check_digit_folder(tmp_path/'a')

def test_empty_class_folder(digits):
    shutil.rmtree(digits/'testing'/'7'); (digits/'testing'/'7').mkdir()
    with pytest.raises(Lesson7Error, match='7: empty class folder'): read_digits(digits)

def test_corrupt_png_refused_then_skipped(digits):
    bad = digits/'training'/'2'/'bad.png'; bad.write_bytes(b'\x89PNG\r\n\x1a\n garbage')
    with pytest.raises(Lesson7Error, match='bad.png'): read_digits(digits)
    assert read_digits(digits, skip_bad=True)['n_skipped'] == 1
    assert bad.exists()  # user data is never touched

def test_colour_image_among_grayscale(digits):
    PIL.Image.new('RGB', (28, 28), (0, 255, 0)).save(digits/'training'/'1'/'green.png')
    with pytest.raises(Lesson7Error, match='green.png: a RGB colour image'): read_digits(digits)

def test_photo_folder_reused():
    p = photo_folder(); files = check_image_folder(p)
    assert len(files) >= 12 and photo_folder() == p

def test_image_folder_without_images(tmp_path):
    (tmp_path/'x.txt').write_text('hi')
    with pytest.raises(Lesson7Error, match='no image files'): check_image_folder(tmp_path)
