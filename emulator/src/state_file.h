#ifndef CSMS_EMULATOR_SRC_STATE_FILE_H_
#define CSMS_EMULATOR_SRC_STATE_FILE_H_

// Persistence of the whole state, secret values included, to one JSON file.
// The file is for tests and demos only: it holds secret values in clear text,
// so it is created with mode 0600.

#include <optional>
#include <string>

#include "model.h"

namespace csms::emu {

/// Reads the state file. nullopt when it does not exist (a fresh start).
/// @throws std::runtime_error when it cannot be read or is not a valid state
///         file; the message names the file but quotes none of its content.
std::optional<StoreData> LoadStateFile(const std::string& path);

/// Replaces the state file atomically: a temporary file in the same directory is
/// written and fsync'ed, renamed over the old one, and the directory fsync'ed, so
/// a crash leaves either the old or the new state, never a torn file.
/// @throws std::runtime_error on any I/O error (the old file is then untouched).
void SaveStateFile(const std::string& path, const StoreData& data);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_STATE_FILE_H_
