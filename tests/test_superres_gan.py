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

def test_quick_run_writes_results_resumes_and_repeats(cli, tmp_path):
    a = tmp_path/'a'
    rc, out, err = cli('superres-gan', '--quick', '--out', a)
    assert rc == 0, err
    assert out.splitlines()[0].startswith('superres-gan: photos from')
    m = json.loads((a/'metrics.json').read_text())
    for k in ('psnr_pixel', 'ssim_pixel', 'psnr_gan', 'ssim_gan', 'psnr_bicubic', 'ssim_bicubic', 'critic_accuracy', 'train_seconds'):
        assert k in m, k
    assert m['psnr_gan'] > 5 and 0 <= m['critic_accuracy'] <= 1 and m['n_valid'] > 0
    for f in ('results.png', 'generator_pixel.pth', 'generator_gan.pth', 'checkpoint.pth'): assert (a/f).exists(), f
    # --resume skips the pretraining and trains the GAN stage on from its checkpoint
    rc, out, err = cli('superres-gan', '--quick', '--out', a, '--resume', '--gan_epochs', '2')
    assert rc == 0, err
    assert 'resuming the GAN stage after epoch 1' in out and 'pretrained critic' not in out
    m2 = json.loads((a/'metrics.json').read_text())
    assert m2['gan_epochs'] == 2 and m2['gan_generator_steps'] + m2['gan_critic_steps'] == 2 * (m['gan_generator_steps'] + m['gan_critic_steps'])
    for k in ('psnr_pixel', 'critic_accuracy', 'critic_accuracy_real'): assert m2[k] == m[k], k
    rc, out, err = cli('superres-gan', '--quick', '--out', a, '--resume', '--seed', '3')
    assert_one_line_error(rc, err, '--resume', 'seed=42')
    b = tmp_path/'b'   # same seed, same CPU: the same metrics
    rc, out, err = cli('superres-gan', '--quick', '--out', b)
    assert rc == 0, err
    mb = json.loads((b/'metrics.json').read_text())
    for k in ('psnr_pixel', 'psnr_gan', 'ssim_gan', 'critic_accuracy'): assert mb[k] == m[k], (k, mb[k], m[k])

def test_resume_needs_checkpoint(cli, tmp_path):
    rc, out, err = cli('superres-gan', '--resume', '--out', tmp_path/'o')
    assert_one_line_error(rc, err, '--resume', 'no checkpoint')
