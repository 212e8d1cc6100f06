#pragma once

#include "core/threatmodel.h"

#include <cstddef>
#include <string>

/**
 * The hostile inputs of issue 13's cost probe, built in memory at any size, so that the
 * regression tests (tests/model/tst_modelbudgets, tst_importbudgets, tests/ui/tst_editorbudgets)
 * and the benchmark (bench_budgets) exercise the very same shapes.
 */
namespace bulkhead::worstcase {

/**
 * Boundaries b0 … b(depth-1), each inside the one before; element "deep" in the innermost, element
 * "top" in b0, and a flow between them.
 */
ThreatModel nestedBoundaries(std::size_t depth);

/** As nestedBoundaries, as the text of a model file. */
std::string nestedBoundariesText(std::size_t depth);

/** Boundaries c0 … c(length-1), each inside the next and the last inside c0. */
ThreatModel boundaryCycle(std::size_t length);

/** One container named with `nameBytes` x's whose notes hold `notesBytes` n's, and a flow to it. */
ThreatModel longTexts(std::size_t nameBytes, std::size_t notesBytes);

/** Two elements, at y = 0 and y = `farY`. */
ThreatModel farApart(double farY);

/** `count` elements e0 …, each with a flow to the next (`flows` of them, 0 for none). */
ThreatModel manyElements(std::size_t count, std::size_t flows);

// Compose files (text):

/** One service on `networks` networks, all declared. */
std::string serviceOnNetworks(std::size_t networks);

/** One service publishing `ports` ports (host ports 1 … 60,000, repeating). */
std::string serviceWithPorts(std::size_t ports);

/** `services` services, each depending on the next (the last on the first). */
std::string servicesInARing(std::size_t services);

/** `services` services, each depending on `dependencies` others picked with a fixed seed. */
std::string servicesWithRandomDependencies(std::size_t services, std::size_t dependencies);

/** A `scalarBytes` string anchored once and aliased `aliases` times under one service's labels. */
std::string aliasedScalar(std::size_t scalarBytes, std::size_t aliases);

} // namespace bulkhead::worstcase
