from . import main
from . import recall
from . import portal
