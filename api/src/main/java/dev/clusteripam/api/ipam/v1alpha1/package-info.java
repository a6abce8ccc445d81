/**
 * Version {@code v1alpha1} of the IP pool kinds: deprecated, still served, not stored. The API
 * server hands {@code v1alpha1} objects to the conversion webhook, which turns {@code subnet},
 * {@code start} and {@code end} into {@code v1alpha2}'s {@code addresses} as upstream does.
 *
 * <p>Reading ignores fields this model does not know, as in {@code v1alpha2}.
 */
package dev.clusteripam.api.ipam.v1alpha1;
