// Module ZeroMQTransport.
