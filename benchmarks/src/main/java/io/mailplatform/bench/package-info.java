/**
 * Load drivers and benchmarks, one package per service ({@code bench.smtp}, {@code bench.delivery},
 * {@code bench.pop3}, {@code bench.imap}, {@code bench.relay}) and the soak of all of them together
 * ({@code bench.soak}, started by {@code benchmarks/soak.sh}). They are run by hand against a running platform or
 * against services they start themselves, and report their figures; no test asserts a timing.
 */
package io.mailplatform.bench;
