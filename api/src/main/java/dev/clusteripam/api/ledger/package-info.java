/**
 * The allocation ledger: our own record of which claim holds which address of a pool, written with
 * compare-and-swap so that the API server refuses a second writer (see docs/design.md).
 */
package dev.clusteripam.api.ledger;
