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

def test_superres_needs_an_action(cli):
    rc, out, err = cli('superres')
    assert_one_line_error(rc, err, 'train, evaluate, predict')
