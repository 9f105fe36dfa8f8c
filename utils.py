"""The 2018 chapter's `import utils` (after `sys.path.append('..')` in
notebooks/): the book's helpers, which live in gluon_opt.utils."""
from gluon_opt.utils import *  # noqa: F401,F403
from gluon_opt.utils import __all__  # noqa: F401
