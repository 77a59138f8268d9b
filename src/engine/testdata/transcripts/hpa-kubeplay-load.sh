# The HPA walk-through driven by `kubeplay load` instead of a load generator pod.
kubeplay load --help
kubeplay addon enable metrics-server
sleep 30
kubectl create deployment php-apache --image=registry.k8s.io/hpa-example
kubectl set resources deployment php-apache --requests=cpu=200m --limits=cpu=500m
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
sleep 60
kubectl get hpa php-apache
kubeplay load deployment/php-apache 1
kubeplay load
sleep 30
kubectl top pods
kubectl get hpa php-apache
sleep 60
kubectl get hpa php-apache
kubectl get deployment php-apache
kubeplay load deployment/php-apache 0
kubeplay load
sleep 60
kubectl get hpa php-apache
sleep 300
kubectl get hpa php-apache
kubectl get deployment php-apache
# Mistakes
kubeplay load deployment/nope 1
kubeplay load deployment/php-apache lots
kubeplay load service/php-apache 1
kubeplay load php-apache
