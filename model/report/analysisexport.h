#pragma once

#include <string>

namespace bulkhead {

class Catalog;
class ThreatModel;
struct AnalysisResult;

/** A readable table for terminals: one line per threat, then the summary. */
std::string analysisToText(const AnalysisResult &result, const ThreatModel &model);

/**
 * {"summary": {...}, "threats": [...], "staleEntries": [...], "questions": [...]}; the fields
 * of each threat are listed in docs/cli.md. Deterministic.
 */
std::string analysisToJson(const AnalysisResult &result, const ThreatModel &model);

/** RFC 4180 CSV, one row per threat, CRLF line ends; columns documented in docs/cli.md. */
std::string analysisToCsv(const AnalysisResult &result, const ThreatModel &model);

/**
 * SARIF 2.1.0: the catalog's threats as rules, each threat a result keyed by its stable id,
 * located in `modelPath` (as given, relative paths stay relative).
 */
std::string analysisToSarif(const AnalysisResult &result, const ThreatModel &model,
                            const Catalog &catalog, const std::string &modelPath);

} // namespace bulkhead
