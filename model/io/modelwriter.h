#pragma once

#include "core/result.h"

#include <filesystem>
#include <string>

namespace bulkhead {

class ThreatModel;

/**
 * The model in the current native format: keys in a fixed order, arrays in model order,
 * two-space indentation and a final newline, so the same model always gives the same bytes
 * and files diff well in version control.
 */
std::string writeModelText(const ThreatModel &model);

/** writeModelText saved atomically; the error names the file. */
Status writeModelFile(const ThreatModel &model, const std::filesystem::path &path);

} // namespace bulkhead
