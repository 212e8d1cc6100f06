#pragma once

#include "core/propertyvalue.h"

#include <QStringList>

#include <optional>
#include <string>

class QUndoCommand;

namespace bulkhead {

class Document;

/**
 * The one undoable command that sets (or, for nullopt, resets) a property on the items. It is
 * a ChangePropertyCommand, except when the change takes an element out of the kind it was
 * deployed as (deployedAs from container back to native): then the same step also removes the
 * values only that kind defined, which would otherwise be left as validation errors, and its
 * text says how many; undo restores them with the old deployedAs.
 */
QUndoCommand *makePropertyCommand(Document *document, const QStringList &ids,
                                  const std::string &property,
                                  const std::optional<PropertyValue> &value);

} // namespace bulkhead
