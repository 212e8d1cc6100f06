#pragma once

// Internal to the Compose import: what the catalog's table of well-known images says about a
// service that becomes its image's role (docs/import.md, "Well-known images").

#include "core/element.h"
#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"
#include "import/importsupport.h"

namespace bulkhead {

/**
 * Gives `element` (already of the role's kind) the role's product and properties and the
 * insecure defaults that hold for the service's tag, environment and command, each with a line
 * in the import report at the service's image. Environment values are compared, never kept.
 */
void applyComposeImageRole(ComposeInput &input, const ComposeService &service,
                           const ImageRole &role, Element &element);

} // namespace bulkhead
