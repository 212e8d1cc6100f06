#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace bulkhead {

class Catalog;

/**
 * The stencil: every element and boundary kind of the catalog, grouped by DFD role, with its
 * icon and a search box. Drag a kind onto the canvas, or click it and then click the canvas.
 */
class StencilPalette : public QWidget
{
    Q_OBJECT

public:
    explicit StencilPalette(const Catalog &catalog, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *searchField() const { return m_search; }
    /** The tree item of a kind, for tests and keyboard navigation. */
    QTreeWidgetItem *itemForKind(const QString &kind) const;
    /** Shows another catalog's kinds (after extra catalog files were loaded). */
    void setCatalog(const Catalog &catalog);

Q_SIGNALS:
    /** The user chose a kind to place with the next click on the canvas. */
    void kindActivated(const QString &kind);

protected:
    void changeEvent(QEvent *event) override;

private:
    void populate();
    void filter(const QString &text);

    const Catalog *m_catalog;
    QLineEdit *m_search;
    QTreeWidget *m_tree;
};

} // namespace bulkhead
