#pragma once

namespace bulkhead {

/** The "format" marker of a native model file. */
inline constexpr const char *modelFormatName = "bulkhead-threat-model";

/** The native format version this build writes; older ones are migrated on load. */
inline constexpr int currentModelFormatVersion = 3;

} // namespace bulkhead
