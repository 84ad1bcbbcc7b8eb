import json
from conftest import assert_one_line_error

def test_missing_data_folder(cli, tmp_path):
    rc, out, err = cli('superres-gan', '--data', tmp_path/'nope', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, 'nope', 'no such folder')

def test_folder_without_images(cli, tmp_path):
    (tmp_path/'empty').mkdir(); (tmp_path/'empty'/'notes.txt').write_text('no images')
    rc, out, err = cli('superres-gan', '--data', tmp_path/'empty', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, 'empty', 'no image files')

def test_non_numeric_lr(cli, tmp_path):
    rc, out, err = cli('superres-gan', '--gan_lr', 'fast', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '--gan_lr', "invalid float value: 'fast'")

def test_quick_run_writes_results(cli, tmp_path):
    rc, out, err = cli('superres-gan', '--quick', '--out', tmp_path/'o')
    assert rc == 0, err
    assert out.splitlines()[0].startswith('superres-gan: photos from')
    m = json.loads((tmp_path/'o'/'metrics.json').read_text())
    for k in ('psnr_pixel', 'ssim_pixel', 'psnr_gan', 'ssim_gan', 'psnr_bicubic', 'ssim_bicubic', 'critic_accuracy', 'train_seconds'):
        assert k in m, k
    assert m['psnr_gan'] > 5 and 0 <= m['critic_accuracy'] <= 1 and m['n_valid'] > 0
    for f in ('results.png', 'generator_pixel.pth', 'generator_gan.pth'): assert (tmp_path/'o'/f).exists(), f
