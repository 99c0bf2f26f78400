"""cleantext: strip publisher boilerplate from web text, in any language.

>>> import cleantext
>>> cleantext.clean("Plain text with nothing to remove stays exactly as it was written.")
'Plain text with nothing to remove stays exactly as it was written.'
"""

from importlib.metadata import PackageNotFoundError, version

from .cleaner import Cleaner, clean
from .model import Document, Paragraph
from .options import Options

try:
    __version__ = version("cleantext-boilerplate")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["Cleaner", "Document", "Options", "Paragraph", "__version__", "clean"]
