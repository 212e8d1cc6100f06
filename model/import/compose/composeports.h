#pragma once

// Internal to the Compose import: published (`ports`) and exposed (`expose`) ports.

#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"

#include <optional>
#include <string>
#include <string_view>

namespace bulkhead {

/** A port written as up to five decimal digits (the range is the caller's to check), or nothing. */
std::optional<long> portDigits(std::string_view text);

/**
 * One entry of `ports` (short or long syntax): the ports it publishes go to service.ports and
 * the publishedPorts property. Throws ImportFailure when it is not a valid port.
 */
void mapPublishedPort(ComposeInput &input, ComposeService &service, const YamlNode &entry);

/** Drops repeated publishedPorts, keeping the first of each, once every entry is mapped. */
void dropRepeatedPublishedPorts(ComposeService &service);

/** One entry of `expose`: a port or a range, recorded in service.exposed and requiredPorts. */
void mapExposedPort(const ComposeInput &input, ComposeService &service, const YamlNode &item);

} // namespace bulkhead
