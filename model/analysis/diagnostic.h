#pragma once

#include <string>
#include <string_view>

namespace bulkhead {

enum class DiagnosticSeverity { Error, Warning };

/** One validation finding about the model, attached to the object it concerns. */
struct Diagnostic
{
    DiagnosticSeverity severity = DiagnosticSeverity::Error;
    /** Stable machine-readable code, e.g. "dangling-flow", used by tests and JSON output. */
    std::string code;
    /** Id of the element, flow, boundary or threat concerned; empty for model-wide findings. */
    std::string subject;
    /** A complete sentence naming the object by name and id. */
    std::string message;
};

inline std::string_view diagnosticSeverityKey(DiagnosticSeverity severity)
{
    return severity == DiagnosticSeverity::Error ? "error" : "warning";
}

} // namespace bulkhead
