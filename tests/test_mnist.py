"Bad input to `lesson7 mnist`: one clear line, a non-zero exit, user data untouched."
import shutil
import PIL.Image, pytest
from conftest import assert_one_line_error
from lesson7.data import mnist_sample

@pytest.fixture
def digits(tmp_path):
    d = tmp_path/'digits'; shutil.copytree(mnist_sample(), d); return d

def test_missing_data_folder(cli, tmp_path):
    rc, out, err = cli('mnist', '--data', tmp_path/'nope', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, 'nope', 'no such folder')

def test_corrupt_png(cli, digits, tmp_path):
    (digits/'training'/'4'/'broken.png').write_bytes(b'\x89PNG\r\n\x1a\nbroken')
    rc, out, err = cli('mnist', '--data', digits, '--out', tmp_path/'o', '--epochs', '1')
    assert_one_line_error(rc, err, 'broken.png', '--skip-bad')
    assert (digits/'training'/'4'/'broken.png').exists()

def test_corrupt_png_skipped_with_flag(cli, digits, tmp_path):
    (digits/'training'/'4'/'broken.png').write_bytes(b'\x89PNG\r\n\x1a\nbroken')
    rc, out, err = cli('mnist', '--data', digits, '--out', tmp_path/'o', '--epochs', '1', '--skip-bad')
    assert rc == 0, err
    assert '1 bad files skipped' in out
    assert (tmp_path/'o'/'metrics.json').exists() and (tmp_path/'o'/'model.pth').exists()

def test_colour_image(cli, digits, tmp_path):
    PIL.Image.new('RGB', (28, 28), (200, 10, 10)).save(digits/'testing'/'0'/'red.png')
    rc, out, err = cli('mnist', '--data', digits, '--out', tmp_path/'o')
    assert_one_line_error(rc, err, 'red.png', 'colour')

def test_empty_class_folder(cli, digits, tmp_path):
    shutil.rmtree(digits/'training'/'9'); (digits/'training'/'9').mkdir()
    rc, out, err = cli('mnist', '--data', digits, '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '9', 'empty class folder')

def test_unknown_model(cli, tmp_path):
    rc, out, err = cli('mnist', '--model', 'vgg19', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '--model vgg19', 'unknown model')

def test_predict_missing_file(cli, tmp_path):
    rc, out, err = cli('mnist', '--out', tmp_path/'o', '--epochs', '1')
    assert rc == 0, err
    rc, out, err = cli('mnist', '--out', tmp_path/'o', '--predict', tmp_path/'missing.png')
    assert_one_line_error(rc, err, 'missing.png', 'no such file')
    seven = sorted((mnist_sample()/'testing'/'7').iterdir())[0]
    rc, out, err = cli('mnist', '--out', tmp_path/'o', '--predict', seven)
    assert rc == 0 and seven.name in out, err

def test_predict_with_a_file_that_is_not_a_model(cli, tmp_path):
    (tmp_path/'model.pth').write_bytes(b'not a model')
    seven = sorted((mnist_sample()/'testing'/'7').iterdir())[0]
    rc, out, err = cli('mnist', '--weights', tmp_path/'model.pth', '--predict', seven)
    assert_one_line_error(rc, err, 'model.pth', 'not a lesson7.mnist model')
