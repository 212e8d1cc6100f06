#pragma once

#include "core/propertyvalue.h"

#include <optional>

class QString;
class QWidget;

namespace bulkhead {

/**
 * A small modal dialog editing a list of strings one entry per row (a property of type
 * stringList): Add, Remove, double-click to edit. Returns the entries trimmed, empty ones
 * dropped, or nullopt when the user cancels.
 */
std::optional<StringList> editStringList(QWidget *parent, const QString &title,
                                         const StringList &values);

} // namespace bulkhead
