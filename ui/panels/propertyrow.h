#pragma once

#include "catalog/propertysheet.h"

#include <QString>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QObject;
class QSpinBox;
class QToolButton;
class QWidget;

namespace bulkhead {

/** One property's row in the property editor: its merged schema, its widgets, what they show. */
struct PropertyRow
{
    /** The property as the sheet had it when the form was built. */
    SheetRow property;

    QLabel *label = nullptr;
    QWidget *editor = nullptr;
    QCheckBox *check = nullptr;
    QComboBox *combo = nullptr;
    QSpinBox *spin = nullptr;
    QLineEdit *line = nullptr;
    QToolButton *reset = nullptr;

    /** Index 0 of the combo, or the spin box minimum, stands for a mixed or invalid value. */
    bool special = false;
    /** Some selected item stores a value (so reset has something to do). */
    bool anyExplicit = false;
    /** The selected items' values differ. */
    bool mixed = false;
    /** The text the line or spin box was last given, to tell the user's edit from a refresh. */
    QString shownText;

    const std::string &name() const { return property.name; }
    const PropertySpec &spec() const { return property.spec; }
    bool inCatalog() const { return property.inCatalog(); }
};

/** What a row's widgets do when the user works them; each gets the row. */
struct PropertyRowActions
{
    using Action = std::function<void(PropertyRow &)>;
    /** Owns the connections: they end with it. */
    QObject *context = nullptr;
    /** Installed on combos and spin boxes, to keep the wheel from changing them in passing. */
    QObject *wheelFilter = nullptr;
    /** Commit what the editor shows. */
    Action commit;
    /** Show the value as it applies again (Escape in a text field). */
    Action revert;
    Action reset;
    /** Open the list editor of a string list. */
    Action editList;
};

/**
 * The row's field: its editor as the property's type asks (check box, combo, spin box or line
 * edit; read-only text outside the catalog), a list button for a string list and a reset button.
 * Sets the row's widget pointers and makes its label the editor's buddy.
 */
QWidget *createPropertyField(PropertyRow &row, const PropertyRowActions &actions, QWidget *parent);

// The row's widgets show the selection's state: italic, muted label while the default applies.
void showRowLabel(PropertyRow &row, const SheetRowState &state, qsizetype selectionSize);
void showCheck(PropertyRow &row, const SheetRowState &state, const QString &specialText);
void showCombo(PropertyRow &row, const SheetRowState &state, const QString &specialText);
/** Leaves a number the user is typing alone unless `force`. */
void showSpin(PropertyRow &row, const SheetRowState &state, const QString &specialText, bool force);
/** Leaves text the user is typing alone unless `force`. */
void showLine(PropertyRow &row, const SheetRowState &state, bool force);

} // namespace bulkhead
