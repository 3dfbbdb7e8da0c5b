package org.relgraph.options;

import org.relgraph.schema.SchemaException;

/** Where the math runs. The backend is chosen at build time (Maven profile), so this checks the build matches. */
public enum Device {
    CPU, CUDA;

    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** Fails with a one-line explanation when the requested device cannot be used by this build or host. */
    public void require() {
        if (this == CPU) {
            return;
        }
        try {
            Class.forName(CUDA_BACKEND);
        } catch (ClassNotFoundException e) {
            throw new SchemaException("--device cuda needs the ND4J CUDA backend, but this build has the CPU backend",
                    "rebuild with the cuda profile on a host with a GPU and CUDA 11.6: "
                            + "RELGRAPH_MAVEN_ARGS=-Pcuda ./relgraph train --device cuda ...");
        }
        try {
            String backend = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getName();
            if (!backend.equals(CUDA_BACKEND)) {
                throw new SchemaException("--device cuda: ND4J chose " + backend + " instead of the CUDA backend",
                        "remove the CPU backend from the classpath (build with -Pcuda only)");
            }
        } catch (SchemaException e) {
            throw e;
        } catch (Throwable e) {
            throw new SchemaException("--device cuda: the CUDA backend could not start: " + e.getMessage(),
                    "check nvidia-smi and the CUDA 11.6 runtime, or use --device cpu");
        }
    }
}
