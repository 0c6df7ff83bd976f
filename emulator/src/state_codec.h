#ifndef CSMS_EMULATOR_SRC_STATE_CODEC_H_
#define CSMS_EMULATOR_SRC_STATE_CODEC_H_

// The state file's JSON form: unlike responses, it includes the secret values.

#include <nlohmann/json.hpp>

#include "model.h"

namespace csms::emu {

inline constexpr int kStateFormatVersion = 1;

nlohmann::json EncodeState(const StoreData& data);
/// @throws std::runtime_error describing the first field that is missing or of the
///         wrong type (never its value).
StoreData DecodeState(const nlohmann::json& json);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_STATE_CODEC_H_
