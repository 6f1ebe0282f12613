/**
 * How the product starts a PBX that runs inside it without depending on it: {@link io.cuecard.pbx.spi.BuiltInPbxProvider},
 * looked up with {@link java.util.ServiceLoader} (implemented by the {@code simulator} module). Plain Java.
 */
package io.cuecard.pbx.spi;
