#pragma once

#include "catalog/propertysheet.h"
#include "propertyrow.h"

#include <QSet>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QVBoxLayout;
class QLineEdit;
class QScrollArea;

namespace bulkhead {

class Document;
class PropertySection;

/**
 * The properties of the selected elements, boundaries or flows (a PropertySheet) as a form
 * generated from the catalog's schema, in collapsible sections by the topic the catalog gives each
 * property (planPropertySections()), each labelled as the catalog says. A section the user
 * closes stays closed while the selection changes; the search box above the form shows only
 * the rows whose label or key contains what is typed. Values left unset show the kind's default in an italic, muted label; a
 * reset button appears beside a value set explicitly.
 *
 * With several items selected the form holds only the properties they all share, shows "mixed"
 * where their values differ, and a change applies to all of them in one undo step. Every edit
 * is a command on the document's undo stack. The form follows the document without losing the
 * focus: once a command is done (push, undo, redo), or on the next event-loop pass for a change
 * made outside the undo stack. It is rebuilt only when the selected kinds change.
 * Properties the catalog does not know are listed read-only under "Not in the catalog".
 */
class PropertyEditor : public QWidget
{
    Q_OBJECT

public:
    explicit PropertyEditor(Document *document, QWidget *parent = nullptr);
    ~PropertyEditor() override;

    /** The items to edit: ids of elements, boundaries and/or flows. Unknown ids are ignored. */
    void setSelection(const QStringList &ids);
    QStringList selection() const { return m_ids; }

    /**
     * Commits a text field the user is still typing in (as leaving the field would). Call it
     * before saving or anything else that needs the model current while focus may stay here.
     */
    void commitPendingEdits();

    /**
     * The editor of a property's row (QCheckBox, QComboBox, QSpinBox or QLineEdit), or nullptr
     * when the form has no such row. For tests.
     */
    QWidget *editorFor(const QString &propertyName) const;
    /** The form's sections in order, for tests. */
    QList<PropertySection *> sections() const;
    /** The search box above the form. */
    QLineEdit *searchField() const { return m_search; }

    /** Wide enough for a label beside a field that shows an image reference whole. */
    QSize sizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    using Row = PropertyRow;

    void onItemChanged(const QString &id);
    void onItemRemoved(const QString &id);
    void onModelReset();
    void scheduleSync();
    /** The selection as the model and the catalog have it now. */
    PropertySheet currentSheet() const;
    /** Rebuilds the form when the selection's shape changed, else refreshes the values. */
    void sync(bool forceValues);
    void discardForm();
    void rebuildForm(const PropertySheet &sheet);
    void addCatalogRows(const PropertySheet &sheet);
    void addUncataloguedRows(const PropertySheet &sheet);
    void addRow(PropertySection *section, const SheetRow &property);
    PropertySection *addSection(const QString &title);
    void applyFilter();
    void updateWrapPolicy();
    void updateHeader(const PropertySheet &sheet, bool force);
    void updateFlowHeader(const SheetItem &item);
    void updateRow(Row &row, bool force);
    void updateRow(Row &row, const PropertySheet &sheet, bool force);
    /** Commits what the user chose in the row's editor. */
    void commitValue(Row &row);
    /** The value typed in the row's line edit; nullopt resets; false when nothing to commit. */
    bool typedValue(Row &row, std::optional<PropertyValue> &value);
    /** Sets the value on every selected item (nullopt resets), as one command if it changes. */
    void apply(Row &row, const std::optional<PropertyValue> &value);
    void commitName();
    void revertName();
    void commitTwoWay();
    void commitInitiator();
    void resetRow(Row &row);
    void editList(Row &row);
    Row *rowFor(const QString &propertyName) const;

    Document *m_document;
    QStringList m_ids;
    QString m_shape;
    bool m_syncPending = false;

    QWidget *m_header = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_kindLabel = nullptr;
    QLabel *m_endsLabel = nullptr;
    QCheckBox *m_twoWay = nullptr;
    /** Which end opens the flow's connection: item 0 the source, item 1 the target. */
    QComboBox *m_initiator = nullptr;
    QLineEdit *m_search = nullptr;
    QScrollArea *m_scroll = nullptr;
    QVBoxLayout *m_content = nullptr;
    std::vector<PropertySection *> m_sections;
    /** Titles of the sections the user closed; they stay closed across selections. */
    QSet<QString> m_collapsedSections;
    std::vector<std::unique_ptr<Row>> m_rows;
};

} // namespace bulkhead
