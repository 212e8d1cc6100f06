#pragma once

#include "diagnostic.h"

#include <vector>

namespace bulkhead {

class Catalog;
class ThreatModel;

/**
 * Checks a model against itself and the catalog: ids, references, boundary nesting, kinds and
 * property types. Errors make analysis results unreliable; warnings point at likely omissions.
 * Findings come in a stable order (by rule, then model order).
 */
std::vector<Diagnostic> validateModel(const ThreatModel &model, const Catalog &catalog);

bool hasErrors(const std::vector<Diagnostic> &diagnostics);

} // namespace bulkhead
