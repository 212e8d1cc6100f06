#pragma once

#include <string>
#include <vector>

namespace bulkhead::cli {

/** Exit codes of the CLI contract (docs and README list them). */
enum ExitCode : int {
    ExitOk = 0,
    ExitModelErrors = 1,
    ExitUsageOrIo = 2,
    ExitThreatsAboveThreshold = 3,
};

/** Runs `bulkhead-cli` with the arguments after the program name; returns the exit code. */
int run(const std::vector<std::string> &args);

} // namespace bulkhead::cli
