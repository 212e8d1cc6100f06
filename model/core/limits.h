#pragma once

#include <cstddef>

/**
 * Every budget that keeps hostile or broken input cheap to refuse, in one place. Each is far
 * above any real deployment, so only a hostile or generated file meets one, and each is
 * enforced with one error line that names it. docs/file-format.md ("Limits") and
 * docs/import.md list them for users; tests/bench/bench_budgets shows what each one bounds.
 *
 * Two file-level limits of model files live with the code that enforces them: the file size
 * (maxTextFileBytes in io/textfile.h, 64 MiB) and JSON nesting (jsontext::maxNestingDepth,
 * 64 levels), both checked before the text is parsed.
 */
namespace bulkhead::limits {

// ---- Models (checked when a model file is read, and by validation for models built in memory)

/** Elements, flows and boundaries per model. */
inline constexpr std::size_t maxElements = 100'000;
inline constexpr std::size_t maxFlows = 250'000;
inline constexpr std::size_t maxBoundaries = 100'000;

/** Boundaries around an element, its own one included: a top-level boundary is level 1. */
inline constexpr std::size_t maxBoundaryDepth = 64;

/**
 * Characters (Unicode code points) of a short string: ids and references to them, kinds,
 * names, titles, owners, reviewers, property names.
 */
inline constexpr std::size_t maxNameLength = 1'000;
/** A register entry's threat id is RULE@SUBJECT, so it may be two names long. */
inline constexpr std::size_t maxThreatIdLength = 2 * maxNameLength + 1;
/** Bytes of a long string: a property value (each entry of a list), a description, notes. */
inline constexpr std::size_t maxTextBytes = 64 * 1024;

/**
 * Coordinates, widths and heights lie within ±maxCoordinate scene pixels (a diagram 10 km
 * across at 1 px = 1 mm). Beyond that Qt's integer device coordinates overflow while drawing.
 */
inline constexpr double maxCoordinate = 10'000'000;
/** Bend points of one flow. */
inline constexpr std::size_t maxFlowPoints = 1'000;

// ---- YAML imports (Docker Compose, Kubernetes), checked while the parser runs

/** One YAML file; larger ones are refused before they are read. */
inline constexpr std::size_t maxYamlFileBytes = 8 * 1024 * 1024;
/** Nodes a file expands to, after aliases (values and items; keys ride with their values). */
inline constexpr std::size_t maxYamlNodes = 500'000;
/**
 * Bytes of scalars (keys and values) a file expands to, after aliases: a 4 MiB string aliased
 * 2,000 times is 8 GB of text from a file of 4 MiB, which the node budget alone lets through.
 */
inline constexpr std::size_t maxYamlExpandedBytes = 32 * 1024 * 1024;
/** Nesting of sequences and mappings in a YAML document. */
inline constexpr std::size_t maxYamlDepth = 100;

// ---- Automatic layout (Graphviz dot, whose cost grows much faster than the diagram)

inline constexpr std::size_t maxLayoutElements = 2'000;
inline constexpr std::size_t maxLayoutFlows = 4'000;
inline constexpr std::size_t maxLayoutBoundaries = 300;

// ---- Reports (HTML and PDF show at most this much of a text; the rest becomes "…")

/** Characters of a name in a report: elements, boundaries, flows, the model's title. */
inline constexpr std::size_t maxReportNameLength = 200;
/** Characters of a longer text in a report: property values, notes, descriptions. */
inline constexpr std::size_t maxReportTextLength = 4'000;

} // namespace bulkhead::limits
