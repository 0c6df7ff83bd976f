#ifndef CSMS_EMULATOR_SRC_CONNECTION_CONTROL_H_
#define CSMS_EMULATOR_SRC_CONNECTION_CONTROL_H_

// Reaching under cpp-httplib to the sockets of accepted connections, which its
// 0.11 API does not expose: a handler only knows the connection's two endpoints,
// so the socket is found by scanning this process's descriptors for the one with
// that local and peer port. Linux only (/proc/self/fd).

namespace csms::emu {

/// Closes the connection whose local port is `local_port` and peer port is
/// `remote_port` without sending any response: the socket is shut down (the
/// client sees the connection closed with nothing received), and its descriptor
/// is replaced by /dev/null so that cpp-httplib's later write of the response
/// fails harmlessly (ENOTSOCK, no SIGPIPE) and its close() still has something
/// to close. Call it from the handler thread of that connection.
/// @return false when no such socket was found.
bool DropConnection(int local_port, int remote_port);

/// Shuts down the reading side of every accepted connection on `local_port`, so
/// that server threads waiting for another keep-alive request give up at once
/// instead of after the keep-alive timeout. A response being written still goes out.
void ShutdownIdleConnections(int local_port);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_CONNECTION_CONTROL_H_
