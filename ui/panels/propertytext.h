#pragma once

#include "catalog/propertysheet.h"

#include <QString>

namespace bulkhead {

// How the property editor puts the property sheet into words.

/** "Container", "Data flow", or the unknown kind's id. */
QString itemKindName(const SheetItem &item);
/** The title of the section holding the kinds' own properties. */
QString ownSectionTitle(const PropertySheet &sheet);

/** An enum's value as shown: a tri-state's "yes" as "Yes", any other as it is. */
QString choiceText(PropertyType type, const std::string &value);
/** A list as comma-separated text. */
QString joinList(const StringList &list);
/** Comma-separated text as a list: entries trimmed, empty ones dropped. */
StringList parseList(const QString &text);
/** A value as a person reads it, in the terms of the property's type. */
QString displayValue(PropertyType type, const PropertyValue &value);

/** What a combo, spin box or check box shows in place of a value: mixed, or not valid. */
QString specialValueText(const SheetRow &property, const SheetRowState &state);
/** The row's tooltip (rich text): the raw name, what it means, its default, its state. */
QString propertyToolTip(const SheetRow &row, const SheetRowState &state, qsizetype selectionSize);

} // namespace bulkhead
