import StrideKernel
import ZeroMQTransport
print("stride")
