from . import main
from . import recall
