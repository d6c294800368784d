// Azurite is started the same way by the tests and by the benchmark.
export * from '../../tools/lib/azurite';
