from conftest import assert_one_line_error

def test_help_lists_subcommands(cli):
    rc, out, err = cli('--help')
    assert rc == 0
    for sub in ('mnist', 'crappify', 'superres', 'superres-gan', 'wgan', 'all'): assert sub in out

def test_unknown_subcommand(cli):
    rc, out, err = cli('nope')
    assert_one_line_error(rc, err, "unknown subcommand 'nope'")

def test_non_numeric_flag(cli):
    rc, out, err = cli('all', '--epochs', 'many')
    assert_one_line_error(rc, err, '--epochs', "invalid int value: 'many'")

def test_counts_below_one(cli):
    for args, flag in ((('mnist', '--epochs', '-1'), '--epochs -1'), (('superres', 'train', '--bs', '0'), '--bs 0'),
                       (('wgan', '--n_crit', '0'), '--n_crit 0'), (('superres-gan', '--gan_epochs', '0'), '--gan_epochs 0'),
                       (('mnist', '--width', '0'), '--width 0')):
        rc, out, err = cli(*args, '--quick')
        assert_one_line_error(rc, err, flag, 'must be at least 1')

def test_superres_needs_an_action(cli):
    rc, out, err = cli('superres')
    assert_one_line_error(rc, err, 'train, evaluate, predict')

def test_all_quick_writes_a_report(cli, tmp_path):
    "Every pipeline end to end at smoke size, offline, into one report."
    rc, out, err = cli('all', '--quick', '--out', tmp_path/'run')
    assert rc == 0, err[-3000:]
    report = (tmp_path/'run'/'report.md').read_text()
    for name in ('mnist', 'superres', 'superres-gan', 'wgan'): assert f'## {name}' in report
    assert 'failed' not in report and 'not run' not in report, report
    assert (tmp_path/'run'/'mnist'/'metrics.json').exists()
    assert '![losses](mnist/losses.png)' in report
