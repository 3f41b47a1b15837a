from . import serial_generate
